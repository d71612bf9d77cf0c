import { createNotificationSystem, type NotificationSystemDeps } from '../../../electron/core/notifications/createNotificationSystem';
import { OpsbarStore } from '../../../electron/core/store/opsbarStore';
import type { AuditEntry } from '../../../electron/core/store/auditLog';
import { notificationsSchema } from '../../../shared/config/alertsSettingsSchema';
import type { LiveMessage } from '../../../shared/api/live';
import { defaultSettings } from '../../../shared/config/settingsSchema';
import type { NotificationMessage } from '../../../shared/types/notifications';
import { TestClock } from '../../support/testClock';

/** A notification system on a test clock and an in-memory store, with what it logged, audited and published. */
export function notificationHarness(notifications: Record<string, unknown>, overrides: Partial<NotificationSystemDeps> = {}) {
  const clock = new TestClock();
  const { store } = OpsbarStore.open(':memory:', { now: () => clock.now() });
  const settings = { ...defaultSettings(), notifications: notificationsSchema.parse(notifications) };
  const logs: string[] = [];
  const audits: AuditEntry[] = [];
  const published: LiveMessage[] = [];
  const sent: NotificationMessage[] = [];
  let ids = 0;
  const build = () => createNotificationSystem({
    settings: () => settings,
    clock,
    log: { info: (m) => void logs.push(`info: ${m}`), warn: (m) => void logs.push(`warn: ${m}`), error: (m) => void logs.push(`error: ${m}`) },
    store: () => store.notifications,
    publish: (m) => void published.push(m),
    audit: (e) => void audits.push(e),
    maintenanceActive: () => false,
    silenceFor: () => null,
    incidentOf: () => null,
    onSent: (m) => void sent.push(m),
    hostname: 'test-host',
    role: 'app',
    minuteOfDay: () => 12 * 60,
    newId: () => `n${++ids}`,
    ...overrides,
  });
  let system = build();
  const deliveries = () =>
    store.notifications.db.prepare('SELECT notification_id, channel, ok, status, error, attempt FROM notification_deliveries ORDER BY id').all() as {
      notification_id: string;
      channel: string;
      ok: number;
      status: number | null;
      error: string | null;
      attempt: number;
    }[];
  /** A new system on the same store, as after a restart of Opsbar (the policy's memory is gone). */
  const restart = async () => {
    await system.stop();
    system = build();
    return system;
  };
  return { clock, store, get system() { return system; }, restart, logs, audits, published, sent, deliveries, // The in-memory store stays open, so a test can read it after the deliveries settled.
    close: () => system.stop() };
}
