// The enricher over a written /proc tree (files in the kernel's formats) and over the real /proc.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawGpuProcess } from '../../../../../electron/core/monitors/gpu/gpuSource';
import { createGpuProcessEnricher } from '../../../../../electron/core/monitors/gpu/processes/gpuProcessEnricher';
import type { ContainerLookup } from '../../../../../electron/core/monitors/gpu/processes/containerLookup';
import { systemClock } from '../../../../../electron/core/clock';
import { ManualClock } from '../../../../support/manualClock';

const ID = 'b'.repeat(64);
const root = mkdtempSync(join(tmpdir(), 'opsbar-fakeproc-'));
after(() => rmSync(root, { recursive: true, force: true }));

function writeProc(pid: number, files: { uid: number; startTicks: number; cgroup: string; comm?: string }) {
  const dir = join(root, 'proc', String(pid));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'status'), `Name:\tx\nUid:\t${files.uid}\t${files.uid}\t${files.uid}\t${files.uid}\n`);
  // Field 3 (state) then fields 4…: put starttime at field 22.
  const fields = ['S', ...Array.from({ length: 40 }, (_, i) => (i + 4 === 22 ? String(files.startTicks) : '0'))];
  writeFileSync(join(dir, 'stat'), `${pid} (${files.comm ?? 'python'}) ${fields.join(' ')}\n`);
  writeFileSync(join(dir, 'cgroup'), files.cgroup);
}

writeFileSync(join(root, 'passwd'), 'root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n');
mkdirSync(join(root, 'proc'), { recursive: true });
writeFileSync(join(root, 'proc', 'stat'), 'cpu  1 2 3 4 5 6 7 8\nbtime 1700000000\n');
writeProc(100, { uid: 1000, startTicks: 500, cgroup: '0::/user.slice/user-1000.slice/session-2.scope\n', comm: 'my (odd) name' });
writeProc(200, { uid: 0, startTicks: 1000, cgroup: `0::/system.slice/docker-${ID}.scope\n` });
writeProc(300, { uid: 4242, startTicks: 1500, cgroup: `0::/system.slice/docker-${ID}.scope\n` });

const raw = (pid: number, memoryBytes: number | null): RawGpuProcess => ({ pid, name: `proc ${pid}`, gpuIndex: 0, gpuUuid: 'GPU-1', memoryBytes });

test('owner, start time and container per process, sorted by memory (unknown last); a vanished pid keeps its figures', async () => {
  const asked: string[] = [];
  const lookup: ContainerLookup = {
    lookup: async (id) => (asked.push(id), { name: 'shop-worker-1', stack: 'shop', service: 'worker' }),
  };
  const enricher = createGpuProcessEnricher({ procRoot: join(root, 'proc'), passwdPath: join(root, 'passwd'), getDockerApi: () => null, clock: new ManualClock(), containerLookup: lookup });
  const out = await enricher.enrich([raw(100, 10), raw(999, 5000), raw(200, null), raw(300, 20)]);
  assert.deepEqual(
    out.map((p) => [p.pid, p.memoryBytes, p.user, p.startedAt, p.container]),
    [
      [999, 5000, null, null, null],
      [300, 20, '4242', 1700000000_000 + 15_000, { id: ID, name: 'shop-worker-1', stack: 'shop', service: 'worker' }],
      [100, 10, 'alice', 1700000000_000 + 5_000, null],
      [200, null, 'root', 1700000000_000 + 10_000, { id: ID, name: 'shop-worker-1', stack: 'shop', service: 'worker' }],
    ],
  );
  assert.deepEqual(asked, [ID], 'one lookup per container, not per process');
  assert.deepEqual(out[0].name, 'proc 999');
});

test('Docker not answering: the container id is still shown, its name null', async () => {
  const enricher = createGpuProcessEnricher({ procRoot: join(root, 'proc'), passwdPath: join(root, 'passwd'), getDockerApi: () => null, clock: new ManualClock() });
  const [p] = await enricher.enrich([raw(200, 1)]);
  assert.deepEqual(p.container, { id: ID, name: null, stack: null, service: null });
});

test('the real /proc: this test process is found with its user and start time', async () => {
  const enricher = createGpuProcessEnricher({ getDockerApi: () => null, clock: systemClock });
  const [me] = await enricher.enrich([raw(process.pid, 1)]);
  assert.equal(me.user, userInfo().username);
  assert.ok(me.startedAt !== null && Math.abs(me.startedAt - (Date.now() - process.uptime() * 1000)) < 2_000);
});
