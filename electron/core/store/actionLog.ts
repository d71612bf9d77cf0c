import type Database from 'better-sqlite3';
import type { ActionOutcome, ActionPlan, ActionRecord, ItemOutcome } from '../../../shared/types/actions';

/**
 * STUB (foundation): plans, runs and item outcomes (migration 5: action_plans, action_runs,
 * action_items). Replaced by the framework engineer. Every write is durable on return.
 */
export class ActionLog {
  constructor(private readonly db: Database.Database) {}

  savePlan(plan: ActionPlan, createdBy: string): void {
    void plan;
    void createdBy;
    void this.db;
    throw new Error('ActionLog is not built yet');
  }

  plan(id: string): ActionPlan | null {
    void id;
    return null;
  }

  /** The run's start and its confirmed items as `pending`, in one transaction (the intent). */
  startRun(outcome: ActionOutcome, pid: number): void {
    void outcome;
    void pid;
    throw new Error('ActionLog is not built yet');
  }

  setItem(planId: string, item: ItemOutcome): void {
    void planId;
    void item;
  }

  finishRun(outcome: ActionOutcome): void {
    void outcome;
  }

  record(planId: string): ActionRecord | null {
    void planId;
    return null;
  }

  recent(limit: number): ActionRecord[] {
    void limit;
    return [];
  }

  /** Runs still `running` (with the PID that ran them). */
  running(): { planId: string; pid: number }[] {
    return [];
  }
}
