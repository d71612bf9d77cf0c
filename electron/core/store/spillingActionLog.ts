import type { ActionOutcome, ActionPlan, ActionRecord, ItemOutcome } from '../../../shared/types/actions';
import type { ActionLog, RunHolder } from './actionLog';
import { isUnwritableError } from './storeErrors';

/** What the action framework reads and writes (ActionLog's public methods). */
export type ActionStore = Pick<
  ActionLog,
  'savePlan' | 'plan' | 'startRun' | 'setItem' | 'finishRun' | 'outcome' | 'record' | 'recent' | 'running' | 'markInterrupted' | 'requestCancel' | 'cancelRequested' | 'holderOf'
>;

/**
 * The action store that still works when the history file cannot be written — the disk is
 * full, which is exactly when "Free disk space" is needed. A plan whose save fails for that
 * reason lives, with its run, in an in-memory table for this process (each plan stays where it
 * was saved); `onSpill` says so once. Every other error is thrown as it was.
 */
export class SpillingActionLog implements ActionStore {
  private readonly spilled = new Set<string>();

  constructor(
    private readonly file: () => ActionStore,
    private readonly memory: () => ActionStore,
    private readonly onSpill: (reason: string) => void,
  ) {}

  private of(planId: string): ActionStore {
    return this.spilled.has(planId) ? this.memory() : this.file();
  }

  savePlan(plan: ActionPlan, createdBy: string): void {
    try {
      this.file().savePlan(plan, createdBy);
    } catch (error) {
      if (!isUnwritableError(error)) throw error;
      this.memory().savePlan(plan, createdBy);
      this.spilled.add(plan.id);
      this.onSpill((error as Error).message);
    }
  }

  plan(id: string): ActionPlan | null {
    return this.of(id).plan(id);
  }
  startRun(outcome: ActionOutcome, holder: RunHolder): void {
    this.of(outcome.planId).startRun(outcome, holder);
  }
  setItem(planId: string, item: ItemOutcome): void {
    this.of(planId).setItem(planId, item);
  }
  finishRun(outcome: ActionOutcome): void {
    this.of(outcome.planId).finishRun(outcome);
  }
  outcome(planId: string): ActionOutcome | null {
    return this.of(planId).outcome(planId);
  }
  record(planId: string): ActionRecord | null {
    return this.of(planId).record(planId);
  }
  recent(limit: number): ActionRecord[] {
    const file = this.file().recent(limit);
    if (this.spilled.size === 0) return file;
    return [...this.memory().recent(limit), ...file].sort((a, b) => b.plan.createdAt - a.plan.createdAt).slice(0, limit);
  }
  running(): ReturnType<ActionStore['running']> {
    return this.spilled.size === 0 ? this.file().running() : [...this.file().running(), ...this.memory().running()];
  }
  markInterrupted(planId: string, now: number, texts: Parameters<ActionStore['markInterrupted']>[2]): boolean {
    return this.of(planId).markInterrupted(planId, now, texts);
  }
  requestCancel(planId: string): boolean {
    return this.of(planId).requestCancel(planId);
  }
  cancelRequested(planId: string): boolean {
    return this.of(planId).cancelRequested(planId);
  }
  holderOf(planId: string): RunHolder | null {
    return this.of(planId).holderOf(planId);
  }
}
