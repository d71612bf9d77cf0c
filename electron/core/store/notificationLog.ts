import type Database from 'better-sqlite3';

/** Notifications sent and their deliveries per channel (tables `notifications`, `notification_deliveries`). STUB: the notifications engineer fills it in. */
export class NotificationLog {
  constructor(readonly db: Database.Database) {}
}
