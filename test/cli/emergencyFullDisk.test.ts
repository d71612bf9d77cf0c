import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statfsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually } from '../support/eventually';
import { callApi, runOpsbar, serveOpsbar } from '../support/opsbarProcess';
import { mountTmpfs } from '../support/tmpfsMount';

// Free disk space is needed most when the disk is full: the history file cannot take the plan, the
// lock file cannot be written. The app and the CLI still plan, execute exactly the plan and say so.

const DAY_MS = 86_400_000;

/** A Hugging Face hub on the disk under test with one model last used 90 days ago (about 1 MB). */
function oldModel(root: string): string {
  const model = join(root, 'hub', 'models--org--old');
  mkdirSync(join(model, 'blobs'), { recursive: true });
  const blob = join(model, 'blobs', 'weights');
  writeFileSync(blob, Buffer.alloc(1024 * 1024, 1));
  const old = new Date(Date.now() - 90 * DAY_MS);
  for (const path of [blob, join(model, 'blobs'), model]) utimesSync(path, old, old);
  return model;
}

function config(dir: string): void {
  const lines = ['docker:', '  enabled: false', 'emergency:', '  disk:', '    history: false', '    huggingFace:', '      enabled: true', `      path: ${join(dir, 'hub')}`, '      unusedDays: 30', ''];
  writeFileSync(join(dir, 'config.yaml'), lines.join('\n'));
}

test('on a disk that filled while serving, a disk plan is made, executed exactly and frees space, and says the lock is held in this process only', async () => {
  const disk = mountTmpfs({ sizeKb: 8 * 1024 });
  config(disk.dir);
  const model = oldModel(disk.dir);
  const served = await serveOpsbar(disk.dir, ['--quiet']);
  try {
    disk.fill();
    assert.equal(statfsSync(disk.dir).bavail, 0);
    const planned = await callApi(served, 'actions.plan', { action: 'disk', params: {} });
    assert.equal(planned.ok, true, `plan refused on a full disk: ${JSON.stringify(planned.error)}`);
    const item = planned.value.items.find((i: { id: string }) => i.id === 'hf:org/old');
    assert.ok(item, `the old model is not in the plan: ${JSON.stringify(planned.value.items)}`);
    const started = await callApi(served, 'actions.execute', { planId: planned.value.id, hash: planned.value.hash, confirm: true, itemIds: [item.id] });
    assert.equal(started.ok, true, `execute refused on a full disk: ${JSON.stringify(started.error)}`);
    const record = await eventually('the run to end', async () => {
      const reply = await callApi(served, 'actions.get', { planId: planned.value.id });
      return reply.value?.outcome && reply.value.outcome.state !== 'running' ? reply.value : undefined;
    });
    assert.deepEqual(
      record.outcome.items.map((i: { id: string; outcome: string }) => [i.id, i.outcome]),
      [[item.id, 'done']],
    );
    assert.equal(existsSync(model), false);
    assert.ok(statfsSync(disk.dir).bavail > 0, 'no space came back');
    assert.match(record.outcome.message ?? '', /action lock .* could not be written/);
  } finally {
    await served.stop();
  }
});

test('the CLI on a full disk: a plan id from another command is explained, and --plan --yes plans and executes in one command', async () => {
  const disk = mountTmpfs({ sizeKb: 8 * 1024 });
  config(disk.dir);
  const model = oldModel(disk.dir);
  disk.fill();
  const plan = await runOpsbar(['emergency', 'disk', '--plan', '--json', '--data-dir', disk.dir]);
  assert.equal(plan.code, 0, plan.stderr);
  const planId = JSON.parse(plan.stdout).id as string;
  const later = await runOpsbar(['emergency', 'execute', planId, '--data-dir', disk.dir]);
  assert.equal(later.code, 3, later.stderr);
  assert.match(later.stderr, /--plan --yes/);
  // The model is opt-in and unticked by default: --yes with --item names it.
  const once = await runOpsbar(['emergency', 'disk', '--plan', '--yes', '--item', 'hf:org/old', '--json', '--data-dir', disk.dir]);
  assert.equal(once.code, 0, once.stderr);
  const both = JSON.parse(once.stdout) as { plan: { id: string }; outcome: { planId: string; state: string; items: { id: string; outcome: string }[] } };
  assert.equal(both.outcome.planId, both.plan.id);
  assert.deepEqual(both.outcome.items.map((i) => [i.id, i.outcome]), [['hf:org/old', 'done']]);
  assert.equal(existsSync(model), false);
  assert.ok(statfsSync(disk.dir).bavail > 0, 'no space came back');
});
