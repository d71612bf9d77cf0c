import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { RefusedError } from '../../../../electron/core/refusedError';
import { CHILD_ITEMS, markerOf } from '../../../support/actionChild';
import { killActionChild, startActionChildInStep2 } from '../../../support/actionChildProcess';
import { actionHarness, type ActionHarness } from '../../../support/actionHarness';
import { recordingPlugin } from '../../../support/actionTestPlugin';
import { runOpsbar } from '../../../support/opsbarProcess';

const harnesses: ActionHarness[] = [];
after(() => harnesses.forEach((h) => h.close()));

test('SIGKILL during execution: the restart shows the item in flight as outcome unknown, and nothing more is done', { timeout: 120_000 }, async () => {
  const running = await startActionChildInStep2();
  const { planId, dataDir, markerDir } = running;
  await killActionChild(running);

  // The real CLI, as an operator would look after the crash (dist is built by `npx tsc -p tsconfig.build.json`).
  const shown = await runOpsbar(['emergency', 'show', planId, '--json', '--data-dir', dataDir]);
  assert.equal(shown.code, 0, shown.stderr);
  const { plan, outcome } = JSON.parse(shown.stdout) as { plan: { items: { id: string }[] }; outcome: { state: string; message: string; items: { id: string; outcome: string; detail: string }[] } };
  assert.deepEqual(plan.items.map((i) => i.id), CHILD_ITEMS);
  assert.deepEqual(outcome.items.map((i) => `${i.id}:${i.outcome}`), ['step:1:done', 'step:2:unknown', 'step:3:skipped']);
  assert.equal(outcome.items[1].detail, 'outcome unknown: Opsbar stopped while acting on it');
  assert.equal(outcome.items[2].detail, 'not run: Opsbar stopped before this item');
  assert.equal(outcome.state, 'unknown');
  assert.match(outcome.message, /Nothing was run again/);
  assert.ok(!existsSync(markerOf(markerDir, 'step:3')), 'the third item never ran');
  assert.ok(!existsSync(join(dataDir, 'action.lock')), "the dead process's lock is removed");

  const listed = await runOpsbar(['emergency', 'list', '--data-dir', dataDir]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, new RegExp(`${planId}\\s+disk\\s+\\S+ \\S+\\s+unknown`));
  const audit = await runOpsbar(['audit', '--kind', 'action', '--json', '--data-dir', dataDir]);
  const rows = (JSON.parse(audit.stdout) as { action: string; outcome: string; details: Record<string, unknown> }[]).reverse();
  assert.deepEqual(
    rows.map((r) => `${r.action}:${r.outcome}`),
    ['action.plan:planned', 'action.execute:confirmed', 'action.item:succeeded', 'action.execute:failed'],
  );
  assert.equal(rows[3].details.interrupted, true);
  assert.ok(!existsSync(markerOf(markerDir, 'step:3')), 'looking at it ran nothing either');
});

test('one action at a time on a host: a live holder in another process is named; once it is dead its lock is taken over', { timeout: 120_000 }, async () => {
  const running = await startActionChildInStep2();
  const { child, planId: held, dataDir } = running;
  const lock = JSON.parse(readFileSync(join(dataDir, 'action.lock'), 'utf8')) as { pid: number; planId: string; procStart: number | null };
  assert.equal(lock.pid, child.pid);
  assert.equal(lock.planId, held);

  const plugin = recordingPlugin({ items: [{ id: 'mine' }] });
  const h = actionHarness([plugin], { dataDir });
  harnesses.push(h);
  const plan = await h.system.plan({ action: 'disk', params: {} }, 'cli');
  assert.throws(
    () => h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli'),
    (e: Error) => e instanceof RefusedError && e.message.includes(`(plan ${held}, started `) && e.message.includes(`pid ${child.pid}) is running on this host: wait for it or cancel it`),
  );
  assert.deepEqual(plugin.executed, []);
  assert.equal(h.system.get(held).outcome?.state, 'running', 'a live run is not recovered');

  await killActionChild(running);
  const outcome = await h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli').done;
  assert.equal(outcome.state, 'succeeded');
  assert.deepEqual(plugin.executed, ['mine']);
  assert.equal(h.system.get(held).outcome?.state, 'unknown', "taking the dead holder's lock recovered its run first");
  assert.ok(!existsSync(join(dataDir, 'action.lock')), 'released after the run');
});

test('a stale lock is taken over: a dead PID, or a live PID with another start time (PID reuse)', async () => {
  const plugin = recordingPlugin({ items: [{ id: 'a' }] });
  const h = actionHarness([plugin]);
  harnesses.push(h);
  const dead = spawn(process.execPath, ['-e', '']);
  const deadPid = await new Promise<number>((resolve) => dead.on('close', () => resolve(dead.pid!)));
  for (const holder of [
    { pid: deadPid, planId: 'pl_deadholder00000', since: 1, procStart: null },
    ...(process.platform === 'linux' ? [{ pid: process.pid, planId: 'pl_reusedpid000000', since: 1, procStart: 1 }] : []),
  ]) {
    writeFileSync(h.lockPath, JSON.stringify(holder));
    const plan = await h.system.plan({ action: 'disk', params: {} }, 'cli');
    const outcome = await h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli').done;
    assert.equal(outcome.state, 'succeeded', `lock of ${holder.planId}`);
  }
  assert.deepEqual(plugin.executed, process.platform === 'linux' ? ['a', 'a'] : ['a']);

  // A live holder of this very process (another action system on the same data dir) is not stale.
  const other = actionHarness([recordingPlugin({ items: [{ id: 'b' }] })], { dataDir: h.dataDir });
  harnesses.push(other);
  writeFileSync(h.lockPath, JSON.stringify({ pid: process.pid, planId: 'pl_liveholder00000', since: 1, procStart: ownStart() }));
  const plan = await other.system.plan({ action: 'disk', params: {} }, 'cli');
  assert.throws(() => other.system.execute({ planId: plan.id, hash: plan.hash }, 'cli'), /plan pl_liveholder00000/);
});

/** This process's start time as /proc tells it (null off Linux: then only the PID is compared). */
function ownStart(): number | null {
  if (process.platform !== 'linux') return null;
  const text = readFileSync('/proc/self/stat', 'utf8');
  return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[19]);
}

test('a lock path that cannot be used refuses with the path and what to do, touching nothing', async () => {
  const plugin = recordingPlugin({ items: [{ id: 'a' }] });
  const h = actionHarness([plugin]);
  harnesses.push(h);
  mkdirSync(h.lockPath);
  const plan = await h.system.plan({ action: 'disk', params: {} }, 'cli');
  assert.throws(
    () => h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli'),
    (e: Error) => e instanceof RefusedError && e.message.startsWith(`Could not read the emergency action lock ${h.lockPath} (`) && /remove it; nothing was touched/.test(e.message),
  );
  assert.deepEqual(plugin.calls, []);
  assert.equal(h.system.get(plan.id).outcome, null);
});
