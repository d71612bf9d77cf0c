import type { LiveMessage } from '../../../shared/api/live';
import type { Settings } from '../../../shared/config/settingsSchema';
import type { Silence } from '../../../shared/types/alerts';
import type { NotificationMessage } from '../../../shared/types/notifications';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { AuditEntry } from '../store/auditLog';
import type { NotificationLog } from '../store/notificationLog';
import { NotFoundError } from '../api/dispatcher';
import type { NotificationSystem } from './notificationSystem';

export interface NotificationSystemDeps {
  settings(): Settings;
  clock: Clock;
  log: Logger;
  /** A getter: the store may move from memory to the file. */
  store(): NotificationLog;
  publish(message: LiveMessage): void;
  audit(entry: AuditEntry): void;
  /** An open maintenance window that silences (runbooks.maintenanceWindow). */
  maintenanceActive(): boolean;
  silenceFor(kind: string, subject: string): Silence | null;
  incidentOf(alertKey: string): { id: number; acknowledged: boolean } | null;
  /** Each notification sent, for the incident's timeline. */
  onSent(message: NotificationMessage): void;
  /** The host's name in messages (os.hostname()). */
  hostname: string;
  /** `cli`: nothing is sent by itself (only `test`). */
  role: 'app' | 'cli';
}

/** STUB (the notifications engineer replaces it). */
export function createNotificationSystem(deps: NotificationSystemDeps): NotificationSystem {
  void deps;
  return {
    onTransitions: () => undefined,
    onEvent: () => undefined,
    tick: () => undefined,
    channels: () => [],
    test: (channel) => Promise.reject(new NotFoundError(`No notification channel "${channel}".`)),
    recent: () => [],
    setDesktop: () => undefined,
    stop: () => Promise.resolve(),
  };
}
