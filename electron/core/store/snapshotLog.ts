import type Database from 'better-sqlite3';
import type { StackSnapshot } from '../../../shared/types/actions';

/** STUB (foundation): stack snapshots (migration 5: stack_snapshots). Replaced by the rollback engineer. */
export class SnapshotLog {
  constructor(private readonly db: Database.Database) {}

  add(snapshot: StackSnapshot, configDigest: string): void {
    void snapshot;
    void configDigest;
    void this.db;
    throw new Error('SnapshotLog is not built yet');
  }

  get(id: string): StackSnapshot | null {
    void id;
    return null;
  }

  /** Newest first. */
  list(stack?: string): StackSnapshot[] {
    void stack;
    return [];
  }

  remove(id: string): void {
    void id;
  }
}
