import type { Settings } from '../../../shared/config/settingsSchema';
import type { AlertsSnapshot, AlertTransition, NewSilence, Silence } from '../../../shared/types/alerts';
import type { OpsEvent } from '../../../shared/types/events';
import type { ModuleId, StatusSnapshot } from '../../../shared/types/status';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { AnyMonitorModule } from '../monitors/monitorModule';
import type { AlertStateLog } from '../store/alertStateLog';
import type { AuditEntry } from '../store/auditLog';

export interface AlertSystemDeps {
  settings(): Settings;
  clock: Clock;
  log: Logger;
  /** Alert states and silences in the history file (a getter: the store may move from memory to the file). */
  store(): AlertStateLog;
  /** Runbook ids whose triggers name an alert kind (for the views' links). */
  runbooksFor(kind: string): string[];
  /** The modules whose `alertConditions` (or alerting checks) make the conditions. */
  modules: readonly AnyMonitorModule[];
  /** The module a status check came from; null for the core's own lines (history not saved). */
  ownerOf(checkId: string): ModuleId | null;
  /** Writes an audit row (silence.add, silence.remove); never throws. */
  audit(entry: AuditEntry): void;
  /** `app` evaluates and writes states; `cli` only reads what the app stored. */
  role: 'app' | 'cli';
}

/**
 * The alert engine in the core: every (kind, subject) condition goes inactive → pending → firing
 * → resolved by its rule (`for`, `clearFor`, margins, flapping), restart loops and OOM kills are
 * counted in windows of events, and states survive a restart (electron/core/alerts/).
 */
export interface AlertSystem {
  /** Evaluates the conditions of a new status; returns what changed (empty in the `cli` role). */
  evaluate(status: StatusSnapshot): AlertTransition[];
  /** Docker restarts and OOM kills, counted in windows (the next evaluation sees them). */
  observeEvent(event: OpsEvent): void;
  /** Re-evaluates on the clock alone with the last status (a pending alert fires by time). */
  tick(): AlertTransition[];
  snapshot(): AlertsSnapshot;
  /** The incident an alert belongs to (set by the incident system; shown in views). */
  setIncident(key: string, incidentId: number | null): void;
  readonly silences: {
    /** Active silences (not expired, not removed), soonest to end first. */
    list(): Silence[];
    add(input: NewSilence): Silence;
    remove(id: number, by: string): boolean;
    /** The active silence covering this kind and subject, if any. */
    matching(kind: string, subject: string): Silence | null;
  };
}
