import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { OpsbarStore } from '../../../electron/core/store/opsbarStore';
import { tempDir } from '../../support/tempDir';
import { HOUR, NOW } from './fixtures/storeFixtures';

test('audit query: by kind (the first word only), by time both ends inclusive, and pages back by id', () => {
  const { store } = OpsbarStore.open(join(tempDir(), 'opsbar.db'), { now: () => NOW });
  const actions = ['runbook.start', 'runbook.step', 'runbooks.reload', 'runbook', 'settings.update', 'incident.ack', 'runbook.end'];
  const ids = actions.map((action, i) => store.addAudit({ at: NOW + i * HOUR, actor: 'cli', action, target: 't', outcome: 'succeeded', details: { i } }));
  const actionsOf = (rows: { action: string }[]) => rows.map((row) => row.action);
  const log = store.auditLog;

  assert.deepEqual(actionsOf(log.query({ kind: 'runbook', limit: 10 })), ['runbook.end', 'runbook', 'runbook.step', 'runbook.start']);
  assert.deepEqual(actionsOf(log.query({ kind: 'incident', limit: 10 })), ['incident.ack']);
  assert.deepEqual(log.query({ kind: 'run', limit: 10 }), []);
  assert.deepEqual(actionsOf(log.query({ from: NOW + 4 * HOUR, limit: 10 })), ['runbook.end', 'incident.ack', 'settings.update']);
  assert.deepEqual(actionsOf(log.query({ from: NOW + HOUR, to: NOW + 3 * HOUR, limit: 10 })), ['runbook', 'runbooks.reload', 'runbook.step']);
  assert.deepEqual(actionsOf(log.query({ kind: 'runbook', beforeId: ids[3], limit: 1 })), ['runbook.step']);
  const [row] = log.query({ kind: 'settings', limit: 1 });
  assert.deepEqual(row, { id: ids[4], at: NOW + 4 * HOUR, actor: 'cli', action: 'settings.update', target: 't', outcome: 'succeeded', details: { i: 4 } });
  assert.equal(log.query({ limit: 3 }).length, 3);
  store.close();
});
