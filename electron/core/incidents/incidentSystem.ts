import type { ActionOutcome, ActionPlan } from '../../../shared/types/actions';
import type { AlertTransition } from '../../../shared/types/alerts';
import type { OpsEvent } from '../../../shared/types/events';
import type { IncidentDetail, IncidentSummary, IncidentWeek } from '../../../shared/types/incidents';
import type { NotificationMessage } from '../../../shared/types/notifications';
import type { RunHead } from '../../../shared/types/runbooks';

/**
 * Incidents: opened when an alert fires at warning or worse, joined by related alerts (same
 * group within the join window), resolved when all their alerts resolve; a timeline of alerts,
 * events, runbook runs, notifications and notes; time to acknowledge and to recover
 * (electron/core/incidents/).
 */
export interface IncidentSystem {
  /** Opens, joins and resolves incidents from the alert engine's transitions. */
  onTransitions(transitions: AlertTransition[]): void;
  /** An event about an open incident's subjects joins its timeline. */
  onEvent(event: OpsEvent): void;
  /** A runbook run started or ended while an incident is open joins its timeline (by its trigger/alert kinds). */
  onRunbookRun(run: RunHead): void;
  onNotification(message: NotificationMessage): void;
  /** An emergency action started or ended: on the timeline of the open incidents whose alerts it relieves. */
  onActionRun(outcome: ActionOutcome, plan: ActionPlan): void;
  list(query: { state: 'open' | 'resolved' | 'all'; limit: number }): IncidentSummary[];
  /** Throws NotFoundError for an unknown id. */
  get(id: number): IncidentDetail;
  ack(id: number, actor: string): IncidentDetail;
  resolve(id: number, actor: string, note?: string): IncidentDetail;
  note(id: number, text: string, actor: string): IncidentDetail;
  weekly(weeks: number): IncidentWeek[];
  /** The open incident an alert belongs to. */
  forAlert(key: string): { id: number; acknowledged: boolean } | null;
}
