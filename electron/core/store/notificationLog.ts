import type Database from 'better-sqlite3';
import type { DeliveryView, NotificationMessage, NotificationReason } from '../../../shared/types/notifications';

export interface NewDelivery {
  notificationId: string;
  channel: string;
  at: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  attempt: number;
}

interface DeliveryRow {
  at: number;
  notification_id: string;
  reason: NotificationReason | null;
  ok: number;
  status: number | null;
  error: string | null;
  attempt: number;
}

/** Notifications sent and their deliveries per channel (tables `notifications`, `notification_deliveries`). */
export class NotificationLog {
  private readonly insertMessage: Database.Statement<unknown[]>;
  private readonly insertDelivery: Database.Statement<unknown[]>;
  private readonly latestDelivery: Database.Statement<[string], DeliveryRow>;
  private readonly latestMessages: Database.Statement<[number], { doc: string }>;
  private readonly lastForAlert: Database.Statement<[string], { reason: NotificationReason }>;

  constructor(readonly db: Database.Database) {
    this.insertMessage = db.prepare('INSERT OR IGNORE INTO notifications(id, at, reason, severity, alert_key, incident_id, doc) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertDelivery = db.prepare('INSERT INTO notification_deliveries(notification_id, channel, at, ok, status, error, attempt) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.latestDelivery = db.prepare(
      `SELECT d.at, d.notification_id, n.reason, d.ok, d.status, d.error, d.attempt
         FROM notification_deliveries d LEFT JOIN notifications n ON n.id = d.notification_id
        WHERE d.channel = ? ORDER BY d.id DESC LIMIT 1`,
    );
    this.latestMessages = db.prepare('SELECT doc FROM notifications ORDER BY at DESC, rowid DESC LIMIT ?');
    this.lastForAlert = db.prepare("SELECT reason FROM notifications WHERE alert_key = ? AND reason <> 'test' ORDER BY at DESC, rowid DESC LIMIT 1");
  }

  add(message: NotificationMessage): void {
    this.insertMessage.run(message.id, message.at, message.reason, message.severity, message.alertKey, message.incidentId, JSON.stringify(message));
  }

  addDelivery(d: NewDelivery): DeliveryView {
    this.insertDelivery.run(d.notificationId, d.channel, d.at, d.ok ? 1 : 0, d.status, d.error, d.attempt);
    return this.lastDelivery(d.channel) as DeliveryView;
  }

  lastDelivery(channel: string): DeliveryView | null {
    const row = this.latestDelivery.get(channel);
    if (!row) return null;
    return { at: row.at, notificationId: row.notification_id, reason: row.reason ?? 'test', ok: row.ok === 1, status: row.status, error: row.error, attempt: row.attempt };
  }

  /** Newest first. */
  recent(limit: number): NotificationMessage[] {
    return this.latestMessages.all(Math.max(0, Math.floor(limit))).map((r) => JSON.parse(r.doc) as NotificationMessage);
  }

  /** The last reason notified for an alert (after a restart: was its firing notified?). */
  lastReasonFor(alertKey: string): NotificationReason | null {
    return this.lastForAlert.get(alertKey)?.reason ?? null;
  }
}
