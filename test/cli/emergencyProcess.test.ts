import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { markerOf, releaseFileOf } from '../support/actionChild';
import { killActionChild, QUIET_CONFIG, startActionChildInStep2 } from '../support/actionChildProcess';
import { actionHarness, type ActionHarness } from '../support/actionHarness';
import { recordingPlugin } from '../support/actionTestPlugin';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';
import { TestClock } from '../support/testClock';

// The real `opsbar` (dist: `npx tsc -p tsconfig.build.json`) against real processes on one data dir.
const harnesses: ActionHarness[] = [];
after(() => harnesses.forEach((h) => h.close()));

test('opsbar emergency cancel stops a run in another process before its next item', { timeout: 120_000 }, async () => {
  const running = await startActionChildInStep2();
  const { planId, dataDir, markerDir } = running;
  const cancel = await runOpsbar(['emergency', 'cancel', planId, '--data-dir', dataDir]);
  assert.equal(cancel.code, 0, cancel.stderr);
  assert.match(cancel.stdout, new RegExp(`Cancel requested: the process running plan ${planId} stops before its next item`));

  writeFileSync(releaseFileOf(markerDir), '');
  const ended = await running.exited;
  assert.equal(ended.code, 0, running.stderr());
  assert.match(running.stdout(), /\nfinished cancelled\n/);
  const shown = await runOpsbar(['emergency', 'show', planId, '--json', '--data-dir', dataDir]);
  const { outcome } = JSON.parse(shown.stdout) as { outcome: { state: string; items: { id: string; outcome: string; detail: string }[] } };
  assert.deepEqual(outcome.items.map((i) => `${i.id}:${i.outcome}:${i.detail}`), ['step:1:done:touched', 'step:2:done:released', 'step:3:skipped:cancelled before this item']);
  assert.equal(outcome.state, 'cancelled');
  assert.ok(!existsSync(markerOf(markerDir, 'step:3')));
});

test('opsbar emergency execute is refused (exit 3) while another process holds the host lock, naming it', { timeout: 120_000 }, async () => {
  const running = await startActionChildInStep2();
  const h = actionHarness([recordingPlugin({ items: [{ id: 'mine' }] })], { dataDir: running.dataDir, clock: new TestClock(Date.now()) });
  harnesses.push(h);
  const plan = await h.system.plan({ action: 'disk', params: {} }, 'cli');
  // Refused at the lock, before any plug-in is called: the built-in disk action never sees this test plan.
  const refused = await runOpsbar(['emergency', 'execute', plan.id, '--data-dir', running.dataDir]);
  assert.equal(refused.code, 3, refused.stderr);
  assert.match(refused.stderr, new RegExp(`^Another emergency action \\(plan ${running.planId}, started \\S+, pid ${running.child.pid}\\) is running on this host: wait for it or cancel it`));
  assert.equal(h.system.get(plan.id).outcome, null, 'nothing ran');
  await killActionChild(running);
});

test('opsbar emergency disk without --plan is a usage error (exit 64): planning and executing are separate', async () => {
  const dataDir = tempDir('opsbar-emergency-cli-');
  const result = await runOpsbar(['emergency', 'disk', '--data-dir', dataDir]);
  assert.equal(result.code, 64);
  assert.match(result.stderr, /needs --plan/);
  const bad = await runOpsbar(['emergency', 'show', 'not an id', '--data-dir', dataDir]);
  assert.equal(bad.code, 64);
});

// Needs the built-in disk action (the disk engineer's plugin): with Docker off it still plans
// Opsbar's own history and the opt-in caches, and never reaches the shared engine.
test('opsbar emergency disk --plan --json with Docker switched off gives a plan in the documented shape', { timeout: 120_000 }, async () => {
  const dataDir = tempDir('opsbar-emergency-cli-');
  writeFileSync(join(dataDir, 'config.yaml'), QUIET_CONFIG);
  const result = await runOpsbar(['emergency', 'disk', '--plan', '--json', '--data-dir', dataDir]);
  assert.equal(result.code, 0, result.stderr);
  const plan = JSON.parse(result.stdout) as { id: string; hash: string; action: string; createdAt: number; items: Record<string, unknown>[]; kept: Record<string, unknown>[]; predictedBytes: number; refusals: string[] };
  assert.match(plan.id, /^pl_[A-Za-z0-9_-]{16}$/);
  assert.match(plan.hash, /^[0-9a-f]{64}$/);
  assert.equal(plan.action, 'disk');
  assert.equal(typeof plan.createdAt, 'number');
  assert.equal(typeof plan.predictedBytes, 'number');
  assert.ok(Array.isArray(plan.kept));
  for (const item of plan.items) {
    for (const key of ['id', 'kind', 'name', 'bytes', 'reason']) assert.ok(key in item, `item ${JSON.stringify(item)} has ${key}`);
    assert.doesNotMatch(String(item.kind), /^(container|image|log|buildcache)\./, 'Docker is off: no Docker item');
  }
  const shown = await runOpsbar(['emergency', 'show', plan.id, '--json', '--data-dir', dataDir]);
  assert.deepEqual((JSON.parse(shown.stdout) as { plan: unknown }).plan, plan);
});
