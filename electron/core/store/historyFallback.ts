import type Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { copyMemoryHistory, hasUnfinishedRuns } from './copyMemoryHistory';
import { describeOpenFailure } from './openFailure';
import { openDatabase, type OpenDatabaseOptions, type StoreOpenNotice } from './openDatabase';
import { isUnwritableError } from './storeErrors';

export const MEMORY_DATABASE = ':memory:';
/** The longest wait between two tries at a history file that could not be opened. */
export const MAX_RESUME_RETRY_MS = 30_000;

/** The wait after `failedTries` failed tries: one flush interval, doubling, at most MAX_RESUME_RETRY_MS. */
export function resumeRetryDelayMs(failedTries: number, intervalMs: number): number {
  return Math.min(intervalMs * 2 ** Math.max(0, failedTries - 1), Math.max(intervalMs, MAX_RESUME_RETRY_MS));
}

export interface OpenedHistory {
  db: Database.Database;
  notice: StoreOpenNotice;
  /** Set while the history lives in memory because the file could not be opened: the status line. */
  failure: string | null;
}

/**
 * Opens the history file; when its disk is full, read-only, locked or failing, starts on an
 * in-memory database instead, so Opsbar still starts. The failure names the file and the cause.
 * Other errors (a newer schema) are thrown, as by openDatabase.
 */
export function openHistoryOrMemory(file: string, options: OpenDatabaseOptions): OpenedHistory {
  try {
    return { ...openDatabase(file, options), failure: null };
  } catch (error) {
    if (file === MEMORY_DATABASE || !isUnwritableError(error)) throw error;
    const failure = describeOpenFailure(error, file);
    const { db } = openDatabase(MEMORY_DATABASE, options);
    return { db, notice: { kind: 'memory-fallback', message: failure }, failure };
  }
}

/**
 * Moves the history kept in memory into the file, then returns the file's connection (the caller
 * closes the memory one). No file yet: the memory database is copied whole (VACUUM INTO a temp
 * file, then renamed), ids and all. A file with history: the memory rows are appended to it,
 * which waits until no run kept in memory is still going. Throws when the file still cannot be
 * written, or returns null to say "not now"; the memory database is untouched either way.
 */
export function moveHistoryToFile(memory: Database.Database, file: string, options: OpenDatabaseOptions): { db: Database.Database; notice: StoreOpenNotice } | null {
  mkdirSync(dirname(file), { recursive: true });
  if (!holdsHistory(file)) {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      rmSync(temp, { force: true });
      memory.prepare('VACUUM INTO ?').run(temp);
      // Left by a failed open of an empty file: they would be read as this new file's journal.
      for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    try {
      return openDatabase(file, options);
    } catch (error) {
      // The new file is only a copy of memory: left there, the next try would append memory to it again.
      rmSync(file, { force: true });
      throw error;
    }
  }
  if (hasUnfinishedRuns(memory)) return null;
  const opened = openDatabase(file, options);
  try {
    copyMemoryHistory(memory, opened.db);
  } catch (error) {
    opened.db.close();
    throw error;
  }
  return opened;
}

/** A file (or its WAL) with content: what a failed open of an empty folder leaves has none. */
function holdsHistory(file: string): boolean {
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
  return size(file) > 0 || size(`${file}-wal`) > 0;
}
