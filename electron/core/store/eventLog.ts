import type Database from 'better-sqlite3';
import type { EventSeverity, NewOpsEvent, OpsEvent } from '../../../shared/types/events';

export interface EventQuery {
  limit: number;
  /** Only events with a smaller id (the next page of a newest-first list). */
  beforeId?: number;
  subject?: string;
}

interface EventRow {
  id: number;
  at: number;
  source: OpsEvent['source'];
  kind: string;
  severity: EventSeverity;
  subject: string;
  message: string;
  attributes: string;
}

const COLUMNS = 'id, at, source, kind, severity, subject, message, attributes';
/** Above any real id: lets one statement serve "no beforeId" too. */
const NO_UPPER_ID = Number.MAX_SAFE_INTEGER;

/** The events table: written one at a time (each durable on return), read newest first. */
export class EventLog {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly page: Database.Statement<{ beforeId: number; limit: number }, EventRow>;
  private readonly pageBySubject: Database.Statement<{ beforeId: number; limit: number; subject: string }, EventRow>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO events(at, source, kind, severity, subject, message, attributes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.page = db.prepare(`SELECT ${COLUMNS} FROM events WHERE id < @beforeId ORDER BY id DESC LIMIT @limit`);
    this.pageBySubject = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE subject = @subject AND id < @beforeId ORDER BY id DESC LIMIT @limit`,
    );
  }

  add(event: NewOpsEvent): OpsEvent {
    const attributes = JSON.stringify(event.attributes ?? {});
    const result = this.insert.run(event.at, event.source, event.kind, event.severity, event.subject, event.message, attributes);
    return { ...event, attributes: JSON.parse(attributes) as Record<string, string>, id: Number(result.lastInsertRowid) };
  }

  list(query: EventQuery): OpsEvent[] {
    const limit = Math.max(0, Math.floor(query.limit));
    const beforeId = query.beforeId ?? NO_UPPER_ID;
    const rows =
      query.subject === undefined ? this.page.all({ beforeId, limit }) : this.pageBySubject.all({ beforeId, limit, subject: query.subject });
    return rows.map((row) => ({ ...row, attributes: JSON.parse(row.attributes) as Record<string, string> }));
  }
}
