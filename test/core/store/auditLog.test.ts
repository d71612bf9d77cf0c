import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { OpsbarStore, type AuditEntry } from '../../../electron/core/store/opsbarStore';
import { tempDir } from '../../support/tempDir';
import { NOW } from './fixtures/storeFixtures';

test('audit entries get increasing ids, list newest first, and keep their details', () => {
  const file = join(tempDir(), 'opsbar.db');
  const { store } = OpsbarStore.open(file, { now: () => NOW });
  const entry = (outcome: AuditEntry['outcome'], at: number): AuditEntry => ({
    at,
    actor: 'operator@tray',
    action: 'docker.cleanup',
    target: 'images',
    outcome,
    details: { reclaimBytes: 123_456_789, images: ['a:1', 'b:2'], dryRun: outcome === 'planned', note: null },
  });
  const ids = [store.addAudit(entry('planned', NOW)), store.addAudit(entry('confirmed', NOW + 1)), store.addAudit(entry('succeeded', NOW + 2))];
  assert.deepEqual(ids, [1, 2, 3]);
  store.close();

  const { store: reopened } = OpsbarStore.open(file, { now: () => NOW });
  assert.deepEqual(reopened.listAudit(2), [
    { ...entry('succeeded', NOW + 2), id: 3 },
    { ...entry('confirmed', NOW + 1), id: 2 },
  ]);
  assert.equal(reopened.listAudit(10).length, 3);
  assert.deepEqual(reopened.listAudit(0), []);
  reopened.close();
});
