import type { ActionPlanRequest } from '../../../shared/api/contract/actions';
import type { ActionOutcome, ActionPlan, ActionRecord, DiskUsageView } from '../../../shared/types/actions';

export interface ExecuteRequest {
  planId: string;
  hash: string;
  /** The subset of the plan's items the operator left ticked (default: the plan's selected items). Ids not in the plan are refused. */
  itemIds?: readonly string[];
}

/**
 * Emergency actions for the app, `opsbar serve` and the CLI: plans stored in the history file
 * (so `opsbar emergency execute ID` runs a plan another process made), one action at a time on
 * the host (a lock file in the data dir), every step audited.
 */
export interface ActionSystem {
  plan(request: ActionPlanRequest, actor: string): Promise<ActionPlan>;
  /**
   * Refuses (throws RefusedError) an unknown or expired plan, a wrong hash, an unknown item id, a
   * plan with refusals, or a busy host. Otherwise starts and answers the run at once; `done`
   * settles with the final outcome.
   */
  execute(request: ExecuteRequest, actor: string): { outcome: ActionOutcome; done: Promise<ActionOutcome> };
  /** Stops a running plan before its next item, in this process or another one on the host (a flag the runner reads between items); false when it is not running. */
  cancel(planId: string): boolean;
  /** Throws NotFoundError for an unknown plan. */
  get(planId: string): ActionRecord;
  recent(limit: number): ActionRecord[];
  /**
   * Runs that were left `running` by a process that is gone (the lock's holder died): their
   * in-flight and pending items become `unknown`, the run `unknown`. Runs nothing. Returns the plan ids.
   */
  recover(): string[];
  /** What fills the disk (bounded walk) and days until full. */
  diskUsage(): Promise<DiskUsageView>;
  /** Cancels a run in flight (its current item ends or times out) and waits for it to stop. */
  stop(): Promise<void>;
}
