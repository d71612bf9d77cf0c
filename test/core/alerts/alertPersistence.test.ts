// Alert states in the history file survive a restart of Opsbar: a firing alert stays firing
// until it is seen clear, a pending timer resumes after a short outage and restarts after a long one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../support/tempDir';
import { TestClock } from '../../support/testClock';
import { condition, openAlertHarness } from './alertSupport';

const s = 1000;
const m = 60 * s;

test('a firing alert stays firing across a restart; clearFor counts from when it is first seen clear', async () => {
  const dir = tempDir();
  const clock = new TestClock();
  const first = openAlertHarness(dir, { clock });
  first.conditions = [condition('container.exited', 'demo-api', 'critical')];
  assert.deepEqual(first.sample().map((t) => t.change), ['fired']);
  first.close();

  clock.jump(30 * m);
  const second = openAlertHarness(dir, { clock });
  assert.equal(second.system.snapshot().alerts[0]?.state, 'firing');
  second.conditions = [];
  assert.deepEqual(second.sample(), []);
  clock.jump(59 * s);
  assert.deepEqual(second.sample(), []);
  clock.jump(1 * s);
  assert.deepEqual(second.sample().map((t) => t.change), ['resolved']);
  second.close();
});

test('a pending alert keeps its timer across a short outage', () => {
  const dir = tempDir();
  const clock = new TestClock();
  const first = openAlertHarness(dir, { clock });
  first.conditions = [condition('memory.high', 'memory', 'warning')];
  assert.deepEqual(first.sample().map((t) => t.change), ['pending']);
  clock.jump(60 * s);
  first.sample();
  first.close();

  clock.jump(30 * s);
  const second = openAlertHarness(dir, { clock });
  second.conditions = [condition('memory.high', 'memory', 'warning')];
  assert.deepEqual(second.sample(), []);
  clock.jump(30 * s); // 2 min since it began to hold, the outage included
  assert.deepEqual(second.sample().map((t) => t.change), ['fired']);
  second.close();
});

test('a pending alert starts over after a long outage', () => {
  const dir = tempDir();
  const clock = new TestClock();
  const first = openAlertHarness(dir, { clock });
  first.conditions = [condition('memory.high', 'memory', 'warning')];
  first.sample();
  first.close();

  clock.jump(10 * m);
  const second = openAlertHarness(dir, { clock });
  second.conditions = [condition('memory.high', 'memory', 'warning')];
  second.sample();
  assert.equal(second.system.snapshot().alerts[0]?.since, clock.now());
  // memory.high waits 2 minutes: the view says when it will fire.
  assert.equal(second.system.snapshot().alerts[0]?.firesAt, clock.now() + 120 * s);
  clock.jump(119 * s);
  assert.deepEqual(second.sample(), []);
  clock.jump(1 * s);
  assert.deepEqual(second.sample().map((t) => t.change), ['fired']);
  second.close();
});

test('in the cli role nothing is evaluated and the snapshot is what the app stored', () => {
  const dir = tempDir();
  const clock = new TestClock();
  const app = openAlertHarness(dir, { clock });
  app.conditions = [condition('disk.free', 'disk:/', 'critical')];
  app.sample();
  app.system.setIncident('disk.free|disk:/', 7);
  const cli = openAlertHarness(dir, { clock, role: 'cli' });
  cli.conditions = [condition('memory.high', 'memory', 'critical', {})];
  assert.deepEqual(cli.sample(), []);
  const snapshot = cli.system.snapshot();
  assert.deepEqual(snapshot.alerts.map((a) => [a.key, a.state, a.incidentId, a.runbooks]), [['disk.free|disk:/', 'firing', 7, ['disk-cleanup']]]);
  assert.equal(snapshot.worstFiring, 'critical');
  app.close();
  cli.close();
});
