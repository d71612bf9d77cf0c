import { actionForAlert } from '../../../shared/actions/actionLinks';
import type { ActionOutcome, ActionPlan } from '../../../shared/types/actions';

/** Whether a plan's action relieves an incident: one of its alerts links that action (a rollback: of that stack). */
export function relievesIncident(plan: ActionPlan, kinds: readonly string[], group: string | null): boolean {
  const stack = typeof plan.params.stack === 'string' ? plan.params.stack : null;
  return kinds.some((kind) => {
    const link = actionForAlert(kind, group);
    return link !== null && link.action === plan.action && (plan.action !== 'rollback' || link.stack === stack);
  });
}

/** An outcome that has ended (anything but `running`). */
export function actionEnded(outcome: ActionOutcome): boolean {
  return outcome.state !== 'running';
}

/**
 * "Emergency action Free disk space started by dashboard (3 items)";
 * "Emergency action Free disk space succeeded: Freed 3.2 GB on /".
 */
export function actionEntryText(outcome: ActionOutcome, plan: ActionPlan): string {
  const name = `Emergency action ${plan.title}`;
  if (!actionEnded(outcome)) return `${name} started by ${outcome.actor} (${outcome.items.length} item${outcome.items.length === 1 ? '' : 's'})`;
  const state = outcome.state === 'unknown' ? 'outcome unknown' : outcome.state;
  const why = outcome.verified?.summary ?? outcome.message;
  return why ? `${name} ${state}: ${why}` : `${name} ${state}`;
}
