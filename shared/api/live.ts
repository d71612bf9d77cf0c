import type { ActionOutcome } from '../types/actions';
import type { AlertsSnapshot } from '../types/alerts';
import type { OpsEvent } from '../types/events';
import type { IncidentSummary } from '../types/incidents';
import type { LogChunk } from '../types/logs';
import type { ModelProbeProgress } from '../types/models';
import type { NotificationMessage } from '../types/notifications';
import type { RunHead, RunOutputChunk, StepAttempt } from '../types/runbooks';
import type { ModuleId, ModuleSnapshots, StatusHead } from '../types/status';

/**
 * Pushed from core to UI: a status change (the head, and only the module snapshots that
 * changed since the last message), an event as it happens, a runbook run that changed state
 * (its head and only the attempts added or changed since its previous message: a whole run per
 * step made a long run's messages grow with every step), or live output of a running step
 * (bounded per message).
 */
export type LiveMessage =
  | {
      type: 'status';
      head: StatusHead;
      modules: Partial<ModuleSnapshots>;
      /** Every module is in `modules` (the first message of a stream). */
      full: boolean;
      /** When each module last read its subject, also those left out because nothing else changed ("updated 2 s ago"). */
      readAt: Partial<Record<ModuleId, number>>;
    }
  | { type: 'event'; event: OpsEvent }
  | {
      type: 'run';
      run: RunHead;
      /** Attempts added or changed since this run's previous message (all of them in its first). */
      attempts: StepAttempt[];
    }
  | { type: 'run-output'; chunk: RunOutputChunk }
  /** A model probe started, saw its first token, finished or failed. */
  | { type: 'model-probe'; progress: ModelProbeProgress }
  /** The alerts changed state (sent only on a transition, whole: a few dozen alerts at most). */
  | { type: 'alerts'; alerts: AlertsSnapshot }
  /** An incident opened, changed (ack, note, an alert joined) or resolved. */
  | { type: 'incident'; incident: IncidentSummary }
  /** A notification was sent: the dashboard shows it with the browser's Notification API (headless desktop channel). */
  | { type: 'notification'; notification: NotificationMessage }
  /** An emergency action's run changed: an item's outcome, the verification, the end. */
  | { type: 'action'; outcome: ActionOutcome }
  /** New lines of a followed container log (batched, bounded per message), or its end. */
  | { type: 'log'; chunk: LogChunk };

export const LIVE_MESSAGE_TYPES = ['status', 'event', 'run', 'run-output', 'model-probe', 'alerts', 'incident', 'notification', 'action', 'log'] as const;
