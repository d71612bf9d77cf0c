import type Database from 'better-sqlite3';
import type { StackSnapshot } from '../../../shared/types/actions';

interface SnapshotRow {
  doc: string;
  config_digest: string;
}

/**
 * Known-good stack snapshots (migration 5: stack_snapshots). The whole snapshot is the JSON
 * `doc`; the columns are what lists filter and sort on, and the snapshot's config digest (what
 * "changed since the last snapshot" compares).
 */
export class SnapshotLog {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly byId: Database.Statement<[string], SnapshotRow>;
  private readonly all: Database.Statement<[], SnapshotRow>;
  private readonly ofStack: Database.Statement<[string], SnapshotRow>;
  private readonly deleteOne: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO stack_snapshots(id, stack, taken_at, reason, complete, config_digest, doc) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.byId = db.prepare('SELECT doc, config_digest FROM stack_snapshots WHERE id = ?');
    // rowid breaks ties between snapshots taken in the same millisecond: the later insert is newer.
    this.all = db.prepare('SELECT doc, config_digest FROM stack_snapshots ORDER BY taken_at DESC, rowid DESC');
    this.ofStack = db.prepare('SELECT doc, config_digest FROM stack_snapshots WHERE stack = ? ORDER BY taken_at DESC, rowid DESC');
    this.deleteOne = db.prepare('DELETE FROM stack_snapshots WHERE id = ?');
  }

  /** Stores the snapshot (durable on return) with the digest of its whole configuration. */
  add(snapshot: StackSnapshot, configDigest: string): void {
    this.insert.run(snapshot.id, snapshot.stack, snapshot.takenAt, snapshot.reason, snapshot.complete ? 1 : 0, configDigest, JSON.stringify(snapshot));
  }

  get(id: string): StackSnapshot | null {
    const row = this.byId.get(id);
    return row ? parse(row) : null;
  }

  /** The stored digest of a snapshot's whole configuration; null for an unknown id. */
  digestOf(id: string): string | null {
    return this.byId.get(id)?.config_digest ?? null;
  }

  /** Newest first. */
  list(stack?: string): StackSnapshot[] {
    const rows = stack === undefined ? this.all.all() : this.ofStack.all(stack);
    return rows.map(parse);
  }

  remove(id: string): void {
    this.deleteOne.run(id);
  }
}

function parse(row: SnapshotRow): StackSnapshot {
  return JSON.parse(row.doc) as StackSnapshot;
}
