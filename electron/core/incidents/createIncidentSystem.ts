import type { Settings } from '../../../shared/config/settingsSchema';
import type { LiveMessage } from '../../../shared/api/live';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { AuditEntry } from '../store/auditLog';
import type { IncidentLog } from '../store/incidentLog';
import { NotFoundError } from '../api/dispatcher';
import type { IncidentSystem } from './incidentSystem';

export interface IncidentSystemDeps {
  settings(): Settings;
  clock: Clock;
  log: Logger;
  /** A getter: the store may move from memory to the file. */
  store(): IncidentLog;
  publish(message: LiveMessage): void;
  audit(entry: AuditEntry): void;
  /** Runbooks whose triggers name any of these alert kinds. */
  runbooksFor(kinds: readonly string[]): { id: string; title: string }[];
  /** Tells the alert engine which incident an alert belongs to (null: none any more). */
  linkAlert(key: string, incidentId: number | null): void;
  role: 'app' | 'cli';
}

/** STUB (the incidents engineer replaces it). */
export function createIncidentSystem(deps: IncidentSystemDeps): IncidentSystem {
  void deps;
  const missing = (id: number): never => {
    throw new NotFoundError(`No incident ${id}.`);
  };
  return {
    onTransitions: () => undefined,
    onEvent: () => undefined,
    onRunbookRun: () => undefined,
    onNotification: () => undefined,
    list: () => [],
    get: missing,
    ack: missing,
    resolve: missing,
    note: missing,
    weekly: () => [],
    forAlert: () => null,
  };
}
