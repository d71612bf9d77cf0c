// `opsbar alerts` and `opsbar silence` against the real CLI process, on a data dir whose alert
// states were written by an alert system as the app writes them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { OpsbarStore } from '../../electron/core/store/opsbarStore';
import { condition, openAlertHarness } from '../core/alerts/alertSupport';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

function seed(dir: string, conditions: ReturnType<typeof condition>[], incident?: [string, number]): void {
  const harness = openAlertHarness(dir);
  harness.conditions = conditions;
  harness.sample();
  if (incident) harness.system.setIncident(...incident);
  harness.close();
}

test('opsbar alerts: none is exit 0', async () => {
  const dir = tempDir();
  const result = await runOpsbar(['alerts', '--data-dir', dir]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, 'No alerts.\n');
});

test('opsbar alerts: a firing critical is one line and exit 2; --json is the snapshot', async () => {
  const dir = tempDir();
  seed(
    dir,
    [condition('container.restart_loop', 'demo-loop', 'critical', { summary: 'demo-loop restarted 6 times in 10 min', count: 6, group: 'stack:demo', module: 'docker' })],
    ['container.restart_loop|demo-loop', 3],
  );
  const text = await runOpsbar(['alerts', '--data-dir', dir]);
  assert.equal(text.code, 2, text.stderr);
  assert.match(text.stdout, /^FIRING critical container\.restart_loop demo-loop — restarted 6 times in 10 min \(since \d\d:\d\d, incident #3\)\n$/);
  const json = await runOpsbar(['alerts', '--json', '--data-dir', dir]);
  assert.equal(json.code, 2);
  const snapshot = JSON.parse(json.stdout);
  assert.equal(snapshot.worstFiring, 'critical');
  assert.deepEqual(snapshot.alerts.map((a: { key: string; count: number }) => [a.key, a.count]), [['container.restart_loop|demo-loop', 6]]);
});

test('opsbar alerts: only a warning fires is exit 1', async () => {
  const dir = tempDir();
  seed(dir, [condition('gpu.temperature', 'gpu:0:temperature', 'warning')]);
  const result = await runOpsbar(['alerts', '--data-dir', dir]);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /^FIRING warning gpu\.temperature gpu:0:temperature/);
});

test('opsbar silence: add with a subject holding ":", list, remove, audit rows; bad kind and duration are exit 64', async () => {
  const dir = tempDir();
  const added = await runOpsbar(['silence', 'disk.free:disk:/', '--for', '2h', '--reason', 'resizing the volume', '--data-dir', dir]);
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /^Silence #1 disk\.free:disk:\/ until \d{4}-\d\d-\d\d \d\d:\d\d — resizing the volume \(by cli\)\nIt ends in 2h;/);

  const listed = await runOpsbar(['silence', 'list', '--json', '--data-dir', dir]);
  assert.equal(listed.code, 0, listed.stderr);
  const silences = JSON.parse(listed.stdout);
  assert.deepEqual(silences.map((s: { kind: string; subject: string; reason: string }) => [s.kind, s.subject, s.reason]), [['disk.free', 'disk:/', 'resizing the volume']]);

  const badKind = await runOpsbar(['silence', 'Disk-Free', '--for', '2h', '--data-dir', dir]);
  assert.equal(badKind.code, 64);
  assert.match(badKind.stderr, /"Disk-Free" is not an alert kind: write KIND or KIND:SUBJECT/);
  const badFor = await runOpsbar(['silence', 'disk.free', '--for', 'soon', '--data-dir', dir]);
  assert.equal(badFor.code, 64);
  assert.match(badFor.stderr, /--for "soon" is not a duration: write e\.g\. 30m, 2h or 1d/);
  const noFor = await runOpsbar(['silence', 'disk.free', '--data-dir', dir]);
  assert.equal(noFor.code, 64);

  const removed = await runOpsbar(['silence', 'remove', String(silences[0].id), '--data-dir', dir]);
  assert.equal(removed.code, 0, removed.stderr);
  const again = await runOpsbar(['silence', 'remove', String(silences[0].id), '--data-dir', dir]);
  assert.equal(again.code, 1);
  assert.equal((await runOpsbar(['silence', 'list', '--data-dir', dir])).stdout, 'No active silences.\n');

  const { store } = OpsbarStore.open(join(dir, 'opsbar.db'));
  const audit = store.auditLog.query({ kind: 'silence', limit: 10 });
  assert.deepEqual(audit.map((a) => [a.action, a.actor, a.target]), [
    ['silence.remove', 'cli', 'disk.free:disk:/'],
    ['silence.add', 'cli', 'disk.free:disk:/'],
  ]);
  store.close();
});
