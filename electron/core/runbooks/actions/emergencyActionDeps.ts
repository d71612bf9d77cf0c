import type { ActionOutcome } from '../../../../shared/types/actions';
import type { ActionSystem } from '../../actions/actionSystem';
import type { EmergencyRunPlans } from './emergencyRunPlans';

/** What the `emergency.plan` and `emergency.execute` runbook actions share. */
export interface EmergencyActionDeps {
  /** The host's action system, or null where this process has none. A getter: the composition root builds it after the runbook system. */
  system(): ActionSystem | null;
  /** The plan each run made. */
  plans: EmergencyRunPlans;
  /** Live outcomes of action runs, so each item's outcome reaches the step output as it happens; returns the unsubscribe. */
  progress?(listener: (outcome: ActionOutcome) => void): () => void;
}

/** Who the action system audits for a runbook's calls: the run, which names its operator in its own audit rows. */
export function runbookActor(runId: number): string {
  return `runbook run #${runId}`;
}

export const NO_ACTION_SYSTEM = 'emergency actions are not available in this Opsbar process (no action system): run the action from the dashboard or with opsbar emergency';
