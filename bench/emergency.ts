// Benchmark: what the disk action's plan → execute → verify costs on the real Docker engine, against
// a peer measured in the same run. Planning reads the engine (containers with sizes, images, volumes,
// build cache, /info) and judges every object; the peer is the one call `docker system df -v` makes
// (`GET /system/df`). Executing removes 40 stopped containers of this bench's own, each re-checked,
// audited and durably recorded, then verified; the peer removes 40 such containers with bare
// `DELETE /containers/{id}` calls in a loop. Wall time, medians. Touches only its own containers.
import Dockerode from 'dockerode';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpsbarCore } from '../electron/core/createCore';
import { silentLogger } from '../electron/core/logger';

const IMAGE = 'opsbar-test/busybox:latest';
const COUNT = Number(process.env.BENCH_EMERGENCY_CONTAINERS ?? 40);
const ROUNDS = Number(process.env.BENCH_EMERGENCY_ROUNDS ?? 5);
const docker = new Dockerode();
const label = { 'opsbar.bench': String(process.pid) };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function stoppedContainers(round: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const made = await docker.createContainer({ name: `opsbar-bench-${process.pid}-${round}-${i}`, Image: IMAGE, Cmd: ['true'], Labels: label, HostConfig: { NetworkMode: 'none' } });
    ids.push(made.id);
  }
  return ids;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsbar-bench-emergency-'));
  const core = createOpsbarCore({ dataDir, log: silentLogger, role: 'cli' });
  const plans: number[] = [];
  const dfs: number[] = [];
  const executes: number[] = [];
  const bare: number[] = [];
  let freed: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const ours = await stoppedContainers(round);
      let start = process.hrtime.bigint();
      const plan = await core.actions.plan({ action: 'disk', params: {} }, 'bench');
      plans.push(ms(start));
      start = process.hrtime.bigint();
      await docker.df();
      dfs.push(ms(start));

      const itemIds = ours.map((id) => `container:${id}`);
      const missing = itemIds.filter((id) => !plan.items.some((item) => item.id === id));
      if (missing.length) throw new Error(`the plan lacks ${missing.length} of the bench's containers`);
      start = process.hrtime.bigint();
      const outcome = await core.actions.execute({ planId: plan.id, hash: plan.hash, itemIds }, 'bench').done;
      executes.push(ms(start));
      const done = outcome.items.filter((i) => i.outcome === 'done').length;
      if (done !== COUNT) throw new Error(`executed ${done} of ${COUNT}: ${outcome.message}`);
      freed = [outcome.verified?.summary ?? ''];

      const peers = await stoppedContainers(round + 1000);
      start = process.hrtime.bigint();
      for (const id of peers) await docker.getContainer(id).remove({ v: false, force: false });
      bare.push(ms(start));
    }
  } finally {
    await core.stop();
    const left = await docker.listContainers({ all: true, filters: { label: [`opsbar.bench=${process.pid}`] } });
    for (const c of left) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
  const report = {
    date: new Date().toISOString().slice(0, 10),
    containers: COUNT,
    rounds: ROUNDS,
    planMs: Math.round(median(plans)),
    peerSystemDfMs: Math.round(median(dfs)),
    planVsSystemDf: Number((median(plans) / median(dfs)).toFixed(2)),
    executeMs: Math.round(median(executes)),
    peerBareRemoveMs: Math.round(median(bare)),
    executeVsBareRemove: Number((median(executes) / median(bare)).toFixed(2)),
    perItemOverheadMs: Number(((median(executes) - median(bare)) / COUNT).toFixed(1)),
    lastVerification: freed[0],
  };
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
