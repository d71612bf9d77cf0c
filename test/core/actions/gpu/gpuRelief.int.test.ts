// "Relieve GPU memory" against real processes and the stand-in nvidia-smi, whose compute-apps row
// for a PID disappears (and frees its memory) when the real process it maps to ends.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createGpuAction } from '../../../../electron/core/actions/gpu/gpuAction';
import { parseStatStartTicks } from '../../../../electron/core/monitors/gpu/processes/procFiles';
import type { ActionPlan, ItemOutcome, PlanItem } from '../../../../shared/types/actions';
import { alive } from '../../monitors/gpu/nvidia/standIn';
import { exited, gpuHarness, MiB, readGpu, startHolder } from './gpuActionHarness';

const action = createGpuAction();

/** The plan as the framework stores it (id, hash and times are the framework's; any will do here). */
async function planFor(deps: Parameters<typeof action.plan>[1]): Promise<ActionPlan> {
  const draft = await action.plan({}, deps);
  const selected = draft.items.filter((i) => i.selected);
  return { id: 'gpu-plan-test', hash: '0'.repeat(64), action: 'gpu', params: {}, createdAt: Date.now(), expiresAt: Date.now() + 900_000, predictedBytes: selected.reduce((a, i) => a + (i.bytes ?? 0), 0), ...draft };
}

/** Field 22 of /proc/<pid>/stat, read by the test itself. */
const startTicksOf = (pid: number) => parseStatStartTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'))!;
const done = (item: PlanItem): ItemOutcome => ({ id: item.id, outcome: 'done', detail: '', bytes: item.bytes, at: Date.now() });

test('the plan lists each GPU process by PID, start time and command line; executing stops exactly that one; verify measures the release', async (t) => {
  const big = await startHolder(t);
  const small = await startHolder(t);
  const h = gpuHarness(t, [big.pid, small.pid]);
  const plan = await planFor(h.deps);
  assert.deepEqual(plan.kept, []);
  assert.deepEqual(
    plan.items.map((i) => [i.id, i.kind, i.bytes, i.selected, i.facts]),
    [big, small].map((child, n) => [
      `pid:${child.pid}:${startTicksOf(child.pid)}`,
      'process.stop',
      [2566, 1542][n] * MiB,
      true,
      { pid: child.pid, startTicks: startTicksOf(child.pid), uid: process.getuid!(), cmdline: plan.items[n].name },
    ]),
    'biggest first (the capture gives the first row 2566 MiB, the second 1542 MiB)',
  );
  assert.equal(plan.items[0].name, `${process.execPath} -e console.log('ready'); setInterval(() => {}, 1 << 30)`);
  assert.match(plan.items[0].reason, /^on GPU 0 · PID \d+, user [^;]+; stopped with SIGTERM, then SIGKILL if it does not exit$/);

  const item = plan.items[0];
  const { before, refusals } = await action.prepare(plan, [item], h.context);
  assert.deepEqual(refusals, []);
  assert.equal(before.gpuMemoryBefore, 19818 * MiB);
  const result = await action.executeItem(item, plan, h.context);
  assert.deepEqual(result, { outcome: 'done', detail: 'stopped with SIGTERM', bytes: 2566 * MiB });
  await exited(big);
  assert.equal(big.signalCode, 'SIGTERM');
  assert.ok(alive(small.pid), 'the other process was not in the executed items and was not touched');

  const after = await readGpu(h.standIn);
  assert.deepEqual(after.processes.map((p) => p.pid), [small.pid], 'the stand-in no longer reports the stopped process');
  assert.equal(after.devices[0].memoryUsedBytes, (19818 - 2566) * MiB);

  const verified = await action.verify(plan, [done(item)], before, h.context);
  assert.equal(verified.passed, true);
  assert.equal(verified.summary, 'released 2.5 GB (the plan predicted 2.5 GB)');
  assert.equal(verified.figures.gpuMemoryBefore, 19818 * MiB);
  assert.equal(verified.figures.gpuMemoryAfter, (19818 - 2566) * MiB);
  assert.equal(verified.figures.releasedBytes, 2566 * MiB);
  assert.deepEqual(verified.checks.map((c) => [c.label, c.passed]), [[`PID ${big.pid} gone from the GPU list`, true]]);
});

test('a PID whose start time is not the planned one is skipped and never signalled; a PID that ended is "already gone"', async (t) => {
  const holder = await startHolder(t);
  const h = gpuHarness(t, [holder.pid]);
  const plan = await planFor(h.deps);
  const [item] = plan.items;
  // PID reuse cannot be forced: the plan's recorded start time is moved instead, which is exactly what the check compares.
  const reused: PlanItem = { ...item, facts: { ...item.facts, startTicks: Number(item.facts.startTicks) + 1 } };
  const skipped = await action.executeItem(reused, plan, h.context);
  assert.equal(skipped.outcome, 'skipped');
  assert.match(skipped.detail, new RegExp(`^PID ${holder.pid} now belongs to another process \\(started \\d{4}-\\d\\d-\\d\\d [\\d:.]+ UTC, the planned one started [\\d :.-]+ UTC\\): left alone$`));
  assert.ok(alive(holder.pid) && holder.exitCode === null && holder.signalCode === null, 'not signalled');
  assert.deepEqual((await readGpu(h.standIn)).processes.map((p) => p.pid), [holder.pid]);

  holder.kill('SIGKILL');
  await exited(holder);
  assert.deepEqual(await action.executeItem(item, plan, h.context), { outcome: 'skipped', detail: `PID ${holder.pid} is already gone` });
});

test('a process that ignores SIGTERM gets SIGKILL once termGrace has passed', async (t) => {
  const stubborn = await startHolder(t, { ignoreTerm: true });
  let said = '';
  stubborn.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const h = gpuHarness(t, [stubborn.pid], { termGraceMs: 200 });
  const plan = await planFor(h.deps);
  const result = await action.executeItem(plan.items[0], plan, h.context);
  assert.deepEqual(result, { outcome: 'done', detail: 'killed with SIGKILL after 200 ms', bytes: 2566 * MiB });
  await exited(stubborn);
  assert.equal(stubborn.signalCode, 'SIGKILL');
  assert.match(said, /got SIGTERM/, 'SIGTERM came first');
});

test('memory the driver still holds after the process ended reads "not released", after waiting up to releaseWait', async (t) => {
  const holder = await startHolder(t);
  const h = gpuHarness(t, [holder.pid], { livePids: false, releaseWaitMs: 300 });
  const plan = await planFor(h.deps);
  const { before } = await action.prepare(plan, plan.items, h.context);
  assert.equal((await action.executeItem(plan.items[0], plan, h.context)).outcome, 'done');
  await exited(holder);
  const readingsBefore = h.collects();
  const verified = await action.verify(plan, [done(plan.items[0])], before, h.context);
  assert.equal(verified.passed, false);
  assert.equal(verified.summary, 'not released (VRAM is sometimes held after a kill: check nvidia-smi)');
  assert.equal(verified.figures.releasedBytes, 0);
  assert.deepEqual(verified.checks.map((c) => [c.passed, c.detail]), [[false, `PID ${holder.pid} still in the GPU list`]]);
  assert.ok(h.collects() > readingsBefore, 'it read GPU memory again (a fresh reading, not the plan\'s)');
});

test('PID 1, Opsbar itself and the display server are kept with their reasons, never items', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'opsbar-xorg-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync('/bin/sleep', join(dir, 'Xorg'));
  const xorg = await startHolder(t, { command: join(dir, 'Xorg'), args: ['600'] });
  const holder = await startHolder(t);
  const h = gpuHarness(t, [1, process.pid, xorg.pid, holder.pid]);
  await waitForComm(xorg.pid, 'Xorg');
  const plan = await planFor(h.deps);
  assert.deepEqual(plan.items.map((i) => i.facts.pid), [holder.pid], 'only the ordinary process is an item');
  assert.deepEqual(
    Object.fromEntries(plan.kept.map((k) => [k.id, k.reason])),
    {
      'pid:1': 'PID 1 (the init process): never stopped',
      [`pid:${process.pid}`]: 'Opsbar itself: never stopped',
      [`pid:${xorg.pid}`]: 'Xorg: the display server, never stopped (stopping it ends the desktop session)',
    },
  );
  assert.ok(alive(xorg.pid));
});

/** A just-spawned child runs Node's code until exec: wait until the kernel names it. */
async function waitForComm(pid: number, comm: string): Promise<void> {
  while (!readFileSync(`/proc/${pid}/stat`, 'utf8').includes(`(${comm})`)) await new Promise((r) => setTimeout(r, 10));
}
