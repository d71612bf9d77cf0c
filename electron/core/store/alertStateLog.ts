import type Database from 'better-sqlite3';
import type { NewSilence, Silence } from '../../../shared/types/alerts';

/** One alert's stored state: the engine's record as JSON in `doc` (electron/core/alerts/alertRecord.ts). */
export interface StoredAlertState {
  key: string;
  kind: string;
  subject: string;
  state: string;
  updatedAt: number;
  doc: string;
}

interface SilenceRow {
  id: number;
  kind: string;
  subject: string | null;
  until: number;
  reason: string;
  created_at: number;
  created_by: string;
}

function silenceOf(row: SilenceRow): Silence {
  return { id: row.id, kind: row.kind, subject: row.subject, until: row.until, reason: row.reason, createdAt: row.created_at, createdBy: row.created_by };
}

/** Alert states and silences in the history file (tables `alert_states`, `silences`). */
export class AlertStateLog {
  private readonly upsert: Database.Statement<[string, string, string, string, number, string]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly all: Database.Statement<[], { key: string; kind: string; subject: string; state: string; updated_at: number; doc: string }>;
  private readonly insertSilence: Database.Statement<[string, string | null, number, string, number, string]>;
  private readonly activeSilences: Database.Statement<[number], SilenceRow>;
  private readonly endSilence: Database.Statement<[number, number]>;

  constructor(readonly db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO alert_states(key, kind, subject, state, updated_at, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, doc = excluded.doc`,
    );
    this.remove = db.prepare('DELETE FROM alert_states WHERE key = ?');
    this.all = db.prepare('SELECT key, kind, subject, state, updated_at, doc FROM alert_states ORDER BY key');
    this.insertSilence = db.prepare('INSERT INTO silences(kind, subject, until, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)');
    this.activeSilences = db.prepare(
      'SELECT id, kind, subject, until, reason, created_at, created_by FROM silences WHERE removed_at IS NULL AND until > ? ORDER BY until, id',
    );
    this.endSilence = db.prepare('UPDATE silences SET removed_at = ? WHERE id = ? AND removed_at IS NULL');
  }

  /** Writes and removes states in one transaction (one fsync per evaluation, not one per alert). */
  writeStates(saved: readonly StoredAlertState[], removed: readonly string[]): void {
    if (saved.length === 0 && removed.length === 0) return;
    this.db.transaction(() => {
      for (const state of saved) this.upsert.run(state.key, state.kind, state.subject, state.state, state.updatedAt, state.doc);
      for (const key of removed) this.remove.run(key);
    })();
  }

  states(): StoredAlertState[] {
    return this.all.all().map((r) => ({ key: r.key, kind: r.kind, subject: r.subject, state: r.state, updatedAt: r.updated_at, doc: r.doc }));
  }

  addSilence(input: NewSilence, now: number): Silence {
    const id = Number(this.insertSilence.run(input.kind, input.subject, input.until, input.reason, now, input.createdBy).lastInsertRowid);
    return { ...input, id, createdAt: now };
  }

  /** Not expired at `now` and not removed; soonest to end first. */
  silencesActiveAt(now: number): Silence[] {
    return this.activeSilences.all(now).map(silenceOf);
  }

  /** Ends a silence now; false when there is no such active silence. */
  removeSilence(id: number, now: number): boolean {
    return this.endSilence.run(now, id).changes > 0;
  }

  /**
   * Changes when another connection (the CLI) committed to the file since this one last looked:
   * a cheap way to notice a silence written elsewhere.
   */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
