import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ActionOutcome, ActionPlan } from '../../../shared/types/actions';
import { ActionLog } from '../../../electron/core/store/actionLog';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { RetentionRunner } from '../../../electron/core/store/retention';
import { tempDir } from '../../support/tempDir';
import { DAY, NOW } from './fixtures/storeFixtures';

const RETENTION = { rawHours: 48, minuteDays: 30, hourDays: 365, eventDays: 90, auditDays: 365, incidentDays: 180 };

const plan = (id: string, ageDays: number): ActionPlan => ({
  id,
  hash: '0'.repeat(64),
  action: 'disk',
  title: 'Free disk space',
  params: {},
  createdAt: NOW - ageDays * DAY,
  expiresAt: NOW - ageDays * DAY + 900_000,
  items: [{ id: 'container:a', kind: 'container.remove', name: 'a', bytes: 1, reason: 'exited', selected: true, facts: {} }],
  kept: [],
  predictedBytes: 1,
  notes: [],
  refusals: [],
});

const run = (p: ActionPlan, state: ActionOutcome['state']): ActionOutcome => ({
  planId: p.id,
  action: p.action,
  state,
  actor: 'cli',
  startedAt: p.createdAt,
  finishedAt: state === 'running' ? null : p.createdAt + 1000,
  items: [{ id: 'container:a', outcome: state === 'running' ? 'in-flight' : 'done', detail: '', bytes: 1, at: p.createdAt }],
  verified: null,
  message: null,
  rollForwardSnapshotId: null,
});

test('emergency plans that ran go after auditDays (runs and items with them), never while running; plans never executed after eventDays', () => {
  const { db } = openDatabase(join(tempDir(), 'opsbar.db'), { now: () => NOW });
  const log = new ActionLog(db);
  const seed = (id: string, ageDays: number, state: ActionOutcome['state'] | null) => {
    const p = plan(id, ageDays);
    log.savePlan(p, 'cli');
    if (state) {
      log.startRun(run(p, 'running'), { pid: 1, procStart: null });
      if (state !== 'running') log.finishRun(run(p, state));
    }
  };
  seed('pl_ran_old_0001', 400, 'succeeded');
  seed('pl_ran_young_01', 300, 'failed');
  seed('pl_running_old1', 400, 'running');
  seed('pl_unrun_old_01', 100, null);
  seed('pl_unrun_young1', 80, null);

  const report = new RetentionRunner(db).run(RETENTION, NOW);

  assert.equal(report.byTable.action_plans, 2);
  const left = (db.prepare('SELECT id FROM action_plans ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  assert.deepEqual(left, ['pl_ran_young_01', 'pl_running_old1', 'pl_unrun_young1']);
  assert.equal((db.prepare("SELECT count(*) AS n FROM action_items WHERE plan_id = 'pl_ran_old_0001'").get() as { n: number }).n, 0);
  assert.equal((db.prepare("SELECT count(*) AS n FROM action_runs WHERE plan_id = 'pl_ran_old_0001'").get() as { n: number }).n, 0);
  assert.equal(log.outcome('pl_running_old1')?.state, 'running');
  db.close();
});
