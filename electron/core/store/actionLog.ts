import type Database from 'better-sqlite3';
import type { ActionName, ActionOutcome, ActionPlan, ActionRecord, ActionRunState, ItemOutcome, ItemOutcomeState } from '../../../shared/types/actions';

/** The process that runs a plan: a PID and its start time (a reused PID is another process). */
export interface RunHolder {
  pid: number;
  procStart: number | null;
}

/** What a run keeps in its JSON `doc` column (the columns hold the rest). */
interface RunDoc {
  verified: ActionOutcome['verified'];
  message: string | null;
  rollForwardSnapshotId: string | null;
  procStart: number | null;
  /** Set by `opsbar emergency cancel` from another process: the running one stops before its next item. */
  cancelRequested?: boolean;
}

interface RunRow {
  planId: string;
  action: ActionName;
  state: ActionRunState;
  actor: string;
  pid: number;
  startedAt: number;
  finishedAt: number | null;
  doc: string;
}

interface ItemRow {
  id: string;
  outcome: ItemOutcomeState;
  detail: string;
  bytes: number | null;
  at: number | null;
}

const SELECT_RUN = `SELECT r.plan_id AS planId, p.action AS action, r.state AS state, r.actor AS actor, r.pid AS pid,
  r.started_at AS startedAt, r.finished_at AS finishedAt, r.doc AS doc FROM action_runs r JOIN action_plans p ON p.id = r.plan_id`;

const parseDoc = (text: string): RunDoc => ({ verified: null, message: null, rollForwardSnapshotId: null, procStart: null, ...(JSON.parse(text) as Partial<RunDoc>) });

/**
 * Emergency action plans, runs and item outcomes (migration 5: action_plans, action_runs,
 * action_items). Every write is durable on return (WAL, synchronous=FULL), and every read goes
 * to the tables: a plan made by `opsbar emergency disk --plan` is executed by another process,
 * and a run left `running` by a process that died is seen by the next one.
 */
export class ActionLog {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertPlan: db.prepare<[string, string, string, number, number, string, string]>(
        'INSERT INTO action_plans(id, action, hash, created_at, expires_at, created_by, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      plan: db.prepare<[string], { doc: string }>('SELECT doc FROM action_plans WHERE id = ?'),
      recentPlans: db.prepare<[number], { doc: string }>('SELECT doc FROM action_plans ORDER BY created_at DESC, rowid DESC LIMIT ?'),
      insertRun: db.prepare<[string, string, string, number, number, string]>(
        'INSERT INTO action_runs(plan_id, state, actor, pid, started_at, finished_at, doc) VALUES (?, ?, ?, ?, ?, NULL, ?)',
      ),
      insertItem: db.prepare<[string, string, number, string, string, number | null, number | null]>(
        'INSERT INTO action_items(plan_id, item_id, position, state, detail, bytes, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      setItem: db.prepare<[string, string, number | null, number | null, string, string]>(
        'UPDATE action_items SET state = ?, detail = ?, bytes = ?, at = ? WHERE plan_id = ? AND item_id = ?',
      ),
      run: db.prepare<[string], RunRow>(`${SELECT_RUN} WHERE r.plan_id = ?`),
      items: db.prepare<[string], ItemRow>('SELECT item_id AS id, state AS outcome, detail, bytes, at FROM action_items WHERE plan_id = ? ORDER BY position'),
      setRun: db.prepare<[string, number | null, string, string]>('UPDATE action_runs SET state = ?, finished_at = ?, doc = ? WHERE plan_id = ?'),
      running: db.prepare<[], RunRow>(`${SELECT_RUN} WHERE r.state = 'running' ORDER BY r.started_at`),
      interruptItems: db.prepare<[string, string, number, string, string]>('UPDATE action_items SET state = ?, detail = ?, at = ? WHERE plan_id = ? AND state = ?'),
    };
  }

  savePlan(plan: ActionPlan, createdBy: string): void {
    this.statements.insertPlan.run(plan.id, plan.action, plan.hash, plan.createdAt, plan.expiresAt, createdBy, JSON.stringify(plan));
  }

  plan(id: string): ActionPlan | null {
    const row = this.statements.plan.get(id);
    return row ? (JSON.parse(row.doc) as ActionPlan) : null;
  }

  /**
   * The run's start and its confirmed items as `pending`, in one transaction: the durable intent,
   * written before the first side effect. Throws when the plan already has a run (a plan runs once).
   */
  startRun(outcome: ActionOutcome, holder: RunHolder): void {
    const doc: RunDoc = { verified: outcome.verified, message: outcome.message, rollForwardSnapshotId: outcome.rollForwardSnapshotId, procStart: holder.procStart };
    this.db.transaction(() => {
      this.statements.insertRun.run(outcome.planId, outcome.state, outcome.actor, holder.pid, outcome.startedAt, JSON.stringify(doc));
      outcome.items.forEach((item, position) => this.statements.insertItem.run(outcome.planId, item.id, position, item.outcome, item.detail, item.bytes, item.at));
    })();
  }

  setItem(planId: string, item: ItemOutcome): void {
    this.statements.setItem.run(item.outcome, item.detail, item.bytes, item.at, planId, item.id);
  }

  /** The run's state and result (its items are written one by one with `setItem`). */
  finishRun(outcome: ActionOutcome): void {
    this.db.transaction(() => {
      const row = this.statements.run.get(outcome.planId);
      if (!row) throw new Error(`plan ${outcome.planId} has no run to finish`);
      const doc: RunDoc = { ...parseDoc(row.doc), verified: outcome.verified, message: outcome.message, rollForwardSnapshotId: outcome.rollForwardSnapshotId };
      this.statements.setRun.run(outcome.state, outcome.finishedAt, JSON.stringify(doc), outcome.planId);
      for (const item of outcome.items) this.setItem(outcome.planId, item);
    })();
  }

  /** The run as stored now, or null when the plan has not been executed. */
  outcome(planId: string): ActionOutcome | null {
    const row = this.statements.run.get(planId);
    return row ? this.outcomeOf(row) : null;
  }

  record(planId: string): ActionRecord | null {
    const plan = this.plan(planId);
    return plan ? { plan, outcome: this.outcome(planId) } : null;
  }

  /** Newest plans first, each with its run (null when never executed). */
  recent(limit: number): ActionRecord[] {
    return this.statements.recentPlans.all(Math.max(0, Math.floor(limit))).map((row) => {
      const plan = JSON.parse(row.doc) as ActionPlan;
      return { plan, outcome: this.outcome(plan.id) };
    });
  }

  /** Runs still `running`, with the process that ran them. */
  running(): ({ planId: string } & RunHolder)[] {
    return this.statements.running.all().map((row) => ({ planId: row.planId, pid: row.pid, procStart: parseDoc(row.doc).procStart }));
  }

  /**
   * A run whose process died: in-flight items → `unknown`, pending → `skipped`, the run →
   * `unknown`, in one transaction. False when the run is no longer `running` (another process recovered it).
   */
  markInterrupted(planId: string, now: number, texts: { inFlight: string; pending: string; run: string }): boolean {
    return this.db.transaction(() => {
      const row = this.statements.run.get(planId);
      if (!row || row.state !== 'running') return false;
      this.statements.interruptItems.run('unknown', texts.inFlight, now, planId, 'in-flight');
      this.statements.interruptItems.run('skipped', texts.pending, now, planId, 'pending');
      this.statements.setRun.run('unknown', now, JSON.stringify({ ...parseDoc(row.doc), message: texts.run }), planId);
      return true;
    })();
  }

  /** Asks the process running the plan to stop before its next item; false when it is not running. */
  requestCancel(planId: string): boolean {
    return this.db.transaction(() => {
      const row = this.statements.run.get(planId);
      if (!row || row.state !== 'running') return false;
      this.statements.setRun.run(row.state, row.finishedAt, JSON.stringify({ ...parseDoc(row.doc), cancelRequested: true }), planId);
      return true;
    })();
  }

  cancelRequested(planId: string): boolean {
    const row = this.statements.run.get(planId);
    return row ? parseDoc(row.doc).cancelRequested === true : false;
  }

  /** The holder of a run (the CLI tells "running in pid N"). */
  holderOf(planId: string): RunHolder | null {
    const row = this.statements.run.get(planId);
    return row ? { pid: row.pid, procStart: parseDoc(row.doc).procStart } : null;
  }

  private outcomeOf(row: RunRow): ActionOutcome {
    const doc = parseDoc(row.doc);
    return {
      planId: row.planId,
      action: row.action,
      state: row.state,
      actor: row.actor,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      items: this.statements.items.all(row.planId).map((item) => ({ ...item })),
      verified: doc.verified,
      message: doc.message,
      rollForwardSnapshotId: doc.rollForwardSnapshotId,
    };
  }
}
