/** The plan a runbook run made, as `emergency.execute` needs it: its id and the hash that was shown. */
export interface RunPlan {
  planId: string;
  hash: string;
  title: string;
  /** Items the plan selected (what executing it will act on). */
  selectedItems: number;
  /** Item id → "kind name", for the outcome lines. */
  names: ReadonlyMap<string, string>;
}

/** Runs remembered at most (a run's entry is only needed until its execute step). */
export const MAX_REMEMBERED_RUNS = 200;

/**
 * Which plan each runbook run made, shared by `emergency.plan` (writes) and `emergency.execute`
 * (reads): execute acts on the plan its own run showed, never on one it makes or another run made.
 * In memory: a run lives in one process, and a restart interrupts it.
 */
export class EmergencyRunPlans {
  private readonly byRun = new Map<number, RunPlan>();

  remember(runId: number, plan: RunPlan): void {
    this.byRun.delete(runId);
    this.byRun.set(runId, plan);
    // Oldest first in a Map: drop runs long past their execute step.
    while (this.byRun.size > MAX_REMEMBERED_RUNS) this.byRun.delete(this.byRun.keys().next().value as number);
  }

  /** A plan step that made no usable plan (refused, failed) leaves the run without one: no older plan is executed. */
  forget(runId: number): void {
    this.byRun.delete(runId);
  }

  of(runId: number): RunPlan | null {
    return this.byRun.get(runId) ?? null;
  }
}
