import type Database from 'better-sqlite3';

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  target: string;
  outcome: 'planned' | 'confirmed' | 'succeeded' | 'failed' | 'cancelled';
  details: Record<string, unknown>;
}

interface AuditRow extends Omit<AuditEntry, 'details'> {
  id: number;
  details: string;
}

/** What operators (and Opsbar on their behalf) did. Kept indefinitely: retention does not touch it. */
export class AuditLog {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly latest: Database.Statement<[number], AuditRow>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit(at, actor, action, target, outcome, details) VALUES (?, ?, ?, ?, ?, ?)');
    this.latest = db.prepare('SELECT id, at, actor, action, target, outcome, details FROM audit ORDER BY id DESC LIMIT ?');
  }

  /** Writes the entry (durable on return) and gives its id. */
  add(entry: AuditEntry): number {
    const details = JSON.stringify(entry.details ?? {});
    return Number(this.insert.run(entry.at, entry.actor, entry.action, entry.target, entry.outcome, details).lastInsertRowid);
  }

  /** Newest first. */
  list(limit: number): (AuditEntry & { id: number })[] {
    return this.latest.all(Math.max(0, Math.floor(limit))).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }
}
