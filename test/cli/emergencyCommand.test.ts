import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { emergencyCli, type EmergencyArgs } from '../../electron/core/cli/emergencyCli';
import { QUIET_CONFIG } from '../support/actionChildProcess';
import { recordingPlugin, type RecordingPlugin } from '../support/actionTestPlugin';
import { tempDir } from '../support/tempDir';

/** `opsbar emergency …` in this process, with the recording plugin as the disk action; output captured. */
async function cli(dataDir: string, plugin: RecordingPlugin, positionals: string[], flags: Partial<EmergencyArgs> = {}, command: 'emergency' | 'snapshots' | 'snapshot' = 'emergency') {
  let out = '';
  let err = '';
  const code = await emergencyCli(
    command,
    { dataDir, positionals, json: false, plan: false, items: [], ...flags },
    { out: (s) => (out += s), err: (s) => (err += s) },
    { actionPlugins: [plugin] },
  );
  return { code, out, err };
}

function dataDir(): string {
  const dir = tempDir('opsbar-emergency-cli-');
  writeFileSync(join(dir, 'config.yaml'), QUIET_CONFIG);
  return dir;
}

test('emergency disk --plan --json prints exactly the stored plan; the text lists items, what is kept, and how to execute', async () => {
  const dir = dataDir();
  const plugin = recordingPlugin({ items: [{ id: 'container:abc', bytes: 120_000_000 }, { id: 'image:sha256:def', bytes: 5_000_000, selected: false }] });
  const json = await cli(dir, plugin, ['disk'], { plan: true, json: true });
  assert.equal(json.code, 0, json.err);
  const plan = JSON.parse(json.out) as Record<string, unknown> & { id: string; items: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(plan).sort(), ['action', 'createdAt', 'expiresAt', 'hash', 'id', 'items', 'kept', 'notes', 'params', 'predictedBytes', 'refusals', 'title']);
  assert.equal(plan.action, 'disk');
  assert.equal(plan.predictedBytes, 120_000_000);
  assert.deepEqual(Object.keys(plan.items[0]).sort(), ['bytes', 'facts', 'id', 'kind', 'name', 'reason', 'selected']);
  const shown = await cli(dir, plugin, ['show', plan.id], { json: true });
  assert.deepEqual(JSON.parse(shown.out), { plan, outcome: null });

  const text = await cli(dir, plugin, ['disk'], { plan: true });
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^Test action: plan pl_\S+ \(disk\)/);
  assert.match(text.out, /\n {2}\[x\] test\.touch {2}thing container:abc {2}120 MB {2}a test item {2}\(id container:abc\)\n/);
  assert.match(text.out, /\n {2}\[ \] test\.touch {2}thing image:sha256:def {2}5\.00 MB/);
  assert.match(text.out, /\nKept:\n {2}volume pgdata — named volume, never removed\n/);
  assert.match(text.out, /\nExecute with: opsbar emergency execute pl_\S+\n/);
  assert.deepEqual(plugin.executed, [], 'planning touches nothing');
});

test('emergency execute runs the plan here, printing each item as it happens and the verification; exit 0, 1 or 3', async () => {
  const dir = dataDir();
  const plugin = recordingPlugin({
    items: [{ id: 'a' }, { id: 'b', behave: () => ({ outcome: 'skipped', detail: 'changed since the plan: now used by web' }) }, { id: 'c', selected: false }],
  });
  const plan = JSON.parse((await cli(dir, plugin, ['disk'], { plan: true, json: true })).out) as { id: string };
  const run = await cli(dir, plugin, ['execute', plan.id]);
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(plugin.executed, ['a', 'b']);
  const lines = run.out.split('\n');
  assert.deepEqual(lines.slice(0, 3), [
    `Executing plan ${plan.id} (disk): 2 items.`,
    '  done     test.touch thing a — done (1.00 kB)',
    '  skipped  test.touch thing b — changed since the plan: now used by web',
  ]);
  assert.match(lines[3], new RegExp(`^Run of plan ${plan.id} \\(disk\\): SUCCEEDED, started \\S+ \\S+ by cli, finished \\S+ \\S+$`));
  assert.match(run.out, /\nVerification: passed — 1 done\n/);

  const again = await cli(dir, plugin, ['execute', plan.id]);
  assert.equal(again.code, 3);
  assert.match(again.err, /already executed .*a plan runs once/);

  const subset = JSON.parse((await cli(dir, plugin, ['disk'], { plan: true, json: true })).out) as { id: string };
  const picked = await cli(dir, plugin, ['execute', subset.id], { items: ['c'], json: true });
  assert.equal(picked.code, 0, picked.err);
  const outcome = JSON.parse(picked.out) as { planId: string; state: string; items: { id: string; outcome: string }[]; verified: { passed: boolean } };
  assert.equal(outcome.planId, subset.id);
  assert.deepEqual(outcome.items.map((i) => `${i.id}:${i.outcome}`), ['c:done']);
  assert.deepEqual(plugin.executed, ['a', 'b', 'c']);

  const bad = await cli(dir, plugin, ['disk'], { plan: true, json: true });
  const unknownItem = await cli(dir, plugin, ['execute', (JSON.parse(bad.out) as { id: string }).id], { items: ['container:not-in-plan'] });
  assert.equal(unknownItem.code, 3);
  assert.match(unknownItem.err, /has no item container:not-in-plan/);
});

test('a failed item or a failed verification exits 1; a plan that cannot run exits 3', async () => {
  const dir = dataDir();
  const failing = recordingPlugin({
    items: [
      {
        id: 'a',
        behave: () => {
          throw new Error('the engine said: conflict');
        },
      },
      { id: 'b' },
    ],
  });
  const plan = JSON.parse((await cli(dir, failing, ['disk'], { plan: true, json: true })).out) as { id: string };
  const run = await cli(dir, failing, ['execute', plan.id]);
  assert.equal(run.code, 1);
  assert.match(run.out, /\n {2}failed {3}test\.touch thing a — the engine said: conflict\n/);
  assert.match(run.out, /PARTIAL/);

  const refusing = recordingPlugin({ items: [{ id: 'a' }], refusals: ['Snapshot s1 is incomplete: web has no image.'] });
  const refused = await cli(dir, refusing, ['disk'], { plan: true });
  assert.equal(refused.code, 3);
  assert.match(refused.out, /\nThis plan cannot run:\n {2}Snapshot s1 is incomplete: web has no image\.\n/);
  assert.doesNotMatch(refused.out, /Execute with/);
});

test('usage errors exit 64 with a sentence that says what to type', async () => {
  const dir = dataDir();
  const plugin = recordingPlugin({ items: [{ id: 'a' }] });
  const cases: [string[], Partial<EmergencyArgs>, RegExp][] = [
    [['disk'], {}, /only plans, and needs --plan: planning and executing are separate on purpose/],
    [['rollback'], { plan: true }, /needs --stack NAME/],
    [['rollback'], { plan: true, stack: 'Bad Name' }, /is not a compose project name/],
    [['disk'], { plan: true, stack: 'shop' }, /does not take --stack/],
    [['execute'], {}, /needs a plan id/],
    [['execute', 'pl_../../etc'], {}, /is not a plan id/],
    [['show', 'x'], {}, /is not a plan id/],
    [['cancel', 'pl_x;rm -rf'], {}, /is not a plan id/],
    [['list', 'extra'], {}, /takes no more arguments/],
    [['nuke'], {}, /Unknown emergency command "nuke"/],
  ];
  for (const [positionals, flags, message] of cases) {
    const result = await cli(dir, plugin, positionals, flags);
    assert.equal(result.code, 64, `${positionals.join(' ')}: ${result.err}`);
    assert.match(result.err, message);
  }
  const take = await cli(dir, plugin, ['take'], {}, 'snapshot');
  assert.equal(take.code, 64);
  assert.match(take.err, /needs the stack/);
  assert.deepEqual(plugin.calls, []);
});

test('emergency show, list and cancel read the history file; an unknown plan is said so plainly', async () => {
  const dir = dataDir();
  const plugin = recordingPlugin({ items: [{ id: 'a' }] });
  const plan = JSON.parse((await cli(dir, plugin, ['disk'], { plan: true, json: true })).out) as { id: string };
  await cli(dir, plugin, ['execute', plan.id]);
  const shown = await cli(dir, plugin, ['show', plan.id]);
  assert.equal(shown.code, 0);
  assert.match(shown.out, new RegExp(`Run of plan ${plan.id} \\(disk\\): SUCCEEDED`));
  assert.match(shown.out, /\n {2}done {5}test\.touch thing a — done/);
  const list = await cli(dir, plugin, ['list']);
  assert.match(list.out, /^PLAN\s+ACTION\s+CREATED\s+STATE\s+ITEMS\s+PREDICTED\s+TITLE\n/);
  assert.match(list.out, new RegExp(`\\n${plan.id}\\s+disk\\s+\\S+ \\S+\\s+succeeded\\s+1\\s+1\\.00 kB\\s+Test action\\n`));
  const cancel = await cli(dir, plugin, ['cancel', plan.id]);
  assert.equal(cancel.code, 1);
  assert.match(cancel.err, /is not running \(succeeded\): there is nothing to cancel/);
  const unknown = await cli(dir, plugin, ['show', 'pl_nosuchplan00000']);
  assert.equal(unknown.code, 3);
  assert.match(unknown.err, /No emergency plan pl_nosuchplan00000 in this data dir/);
});
