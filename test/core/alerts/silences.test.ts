// Silences in the history file: add, list active, remove, matching by kind and subject; the
// running app sees a silence another process (the CLI) wrote to the same file; audit rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../support/tempDir';
import { TestClock } from '../../support/testClock';
import { condition, openAlertHarness } from './alertSupport';

const h = 3_600_000;

test('a silence matches its kind and subject (no subject: every subject), lists until it ends, and is removable', () => {
  const harness = openAlertHarness(tempDir());
  const now = harness.clock.now();
  const one = harness.system.silences.add({ kind: 'disk.free', subject: 'disk:/', until: now + 2 * h, reason: 'resizing', createdBy: 'cli' });
  const all = harness.system.silences.add({ kind: 'model.down', subject: null, until: now + h, reason: '', createdBy: 'dashboard' });
  assert.equal(harness.system.silences.matching('disk.free', 'disk:/')?.id, one.id);
  assert.equal(harness.system.silences.matching('disk.free', 'disk:/data'), null);
  assert.equal(harness.system.silences.matching('model.down', 'http://127.0.0.1:11434')?.id, all.id);
  assert.deepEqual(harness.system.silences.list().map((s) => s.id), [all.id, one.id], 'soonest to end first');

  harness.clock.jump(h);
  assert.deepEqual(harness.system.silences.list().map((s) => s.id), [one.id], 'an ended silence is not listed');
  assert.equal(harness.system.silences.remove(one.id, 'cli'), true);
  assert.equal(harness.system.silences.remove(one.id, 'cli'), false);
  assert.deepEqual(harness.system.silences.list(), []);
  assert.deepEqual(
    harness.audits.map((a) => [a.action, a.actor, a.target]),
    [
      ['silence.add', 'cli', 'disk.free:disk:/'],
      ['silence.add', 'dashboard', 'model.down:*'],
      ['silence.remove', 'cli', 'disk.free:disk:/'],
    ],
  );
  harness.close();
});

test('the running app sees a silence a second store wrote to the same file, and its alert view shows it', () => {
  const dir = tempDir();
  const clock = new TestClock();
  const app = openAlertHarness(dir, { clock });
  app.conditions = [condition('container.unhealthy', 'demo-api', 'critical')];
  app.sample();
  assert.equal(app.system.snapshot().alerts[0].silence, null);
  assert.equal(app.system.silences.matching('container.unhealthy', 'demo-api'), null);

  const cli = openAlertHarness(dir, { clock, role: 'cli' });
  const added = cli.system.silences.add({ kind: 'container.unhealthy', subject: 'demo-api', until: clock.now() + 2 * h, reason: 'deploying', createdBy: 'cli' });
  cli.close();

  // No time passes: the change is noticed through the file's data_version.
  assert.equal(app.system.silences.matching('container.unhealthy', 'demo-api')?.id, added.id);
  assert.deepEqual(app.system.snapshot().alerts[0].silence, { id: added.id, until: added.until, reason: 'deploying' });
  app.close();
});
