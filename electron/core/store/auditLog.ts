import type Database from 'better-sqlite3';
import type { AuditRecord } from '../../../shared/types/audit';

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  target: string;
  outcome: 'planned' | 'confirmed' | 'succeeded' | 'failed' | 'cancelled';
  details: Record<string, unknown>;
}

export interface AuditQuery {
  kind?: string;
  from?: number;
  to?: number;
  beforeId?: number;
  limit: number;
}

interface AuditRow extends Omit<AuditEntry, 'details'> {
  id: number;
  details: string;
}

/** What operators (and Opsbar on their behalf) did. Kept `retention.auditDays` (a year by default; see RetentionRunner). */
export class AuditLog {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly latest: Database.Statement<[number], AuditRow>;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit(at, actor, action, target, outcome, details) VALUES (?, ?, ?, ?, ?, ?)');
    this.latest = db.prepare('SELECT id, at, actor, action, target, outcome, details FROM audit ORDER BY id DESC LIMIT ?');
  }

  /** Writes the entry (durable on return) and gives its id. */
  add(entry: AuditEntry): number {
    const details = JSON.stringify(entry.details ?? {});
    return Number(this.insert.run(entry.at, entry.actor, entry.action, entry.target, entry.outcome, details).lastInsertRowid);
  }

  /** Newest first, filtered by kind (the action's first word) and time (epoch ms, inclusive). */
  query(q: AuditQuery): AuditRecord[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: Math.max(0, Math.floor(q.limit)) };
    if (q.kind !== undefined) {
      // `runbook` matches `runbook` and `runbook.*`, never `runbooks.*`: a range on the index, not LIKE (no escaping).
      where.push('(action = @kind OR (action >= @kindDot AND action < @kindEnd))');
      Object.assign(params, { kind: q.kind, kindDot: `${q.kind}.`, kindEnd: `${q.kind}/` });
    }
    const bounds = [
      ['from', 'at >= @from'],
      ['to', 'at <= @to'],
      ['beforeId', 'id < @beforeId'],
    ] as const;
    for (const [name, clause] of bounds) {
      if (q[name] === undefined) continue;
      where.push(clause);
      params[name] = q[name];
    }
    const sql = `SELECT id, at, actor, action, target, outcome, details FROM audit${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    return this.db.prepare<Record<string, unknown>, AuditRow>(sql).all(params).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }

  /** Newest first. */
  list(limit: number): (AuditEntry & { id: number })[] {
    return this.latest.all(Math.max(0, Math.floor(limit))).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }
}
