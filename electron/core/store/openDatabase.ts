import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations';
import { isCorruptionError } from './storeErrors';

export interface StoreOpenNotice {
  /** `memory-fallback`: the file could not be opened (disk full, read-only…); history is kept in memory for now. */
  kind: 'corrupt-moved-aside' | 'created' | 'opened' | 'memory-fallback';
  message: string;
  movedTo?: string;
}

export interface OpenDatabaseOptions {
  now: () => number;
  /** Path of a better-sqlite3 binary built for another ABI (Electron). */
  nativeBinding?: string;
}

const BUSY_TIMEOUT_MS = 5000;
/** After a checkpoint, a WAL larger than this is truncated back: gives disk space back after a big retention pass. */
const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;
const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'];
/**
 * An existing file without incremental auto-vacuum is converted (one `VACUUM`) at open only up to
 * this size: a VACUUM rewrites the whole file (2.8 s for a 58 MiB file on the 2-core CI machine,
 * once) and needs as much free space again. A bigger file keeps reusing its free pages instead of shrinking.
 */
export const VACUUM_CONVERSION_LIMIT_BYTES = 64 * 1024 * 1024;
const AUTO_VACUUM_INCREMENTAL = 2;

/**
 * Opens (or creates) the history database, checks it, and brings its schema up to date.
 * A file that is not a database or fails `quick_check` is moved aside and replaced by an
 * empty one, so a damaged file costs its history but never a crash loop. (For a damaged
 * database SQLite may already have folded a valid -wal into it when the check's connection closed.) Errors that say
 * nothing about the file itself (permissions, a newer schema) are thrown: the file may be fine.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): { db: Database.Database; notice: StoreOpenNotice } {
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file) && statSync(file).size > 0;
  try {
    // Checked before SQLite touches the file: closing a connection to it would delete its -wal/-shm.
    if (existed && !hasSqliteHeader(file)) throw Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' });
    const db = connect(file, options, existed);
    const notice: StoreOpenNotice = existed
      ? { kind: 'opened', message: `Opened the history database ${file}.` }
      : { kind: 'created', message: `Created a new history database ${file}.` };
    return { db, notice };
  } catch (error) {
    if (!isCorruptionError(error)) throw error;
    const movedTo = moveAside(file, options.now());
    const db = connect(file, options, false);
    const reason = error instanceof Error ? error.message : String(error);
    return {
      db,
      notice: {
        kind: 'corrupt-moved-aside',
        message: `The history database was damaged (${reason}). It was moved to ${movedTo} and a new, empty history was started.`,
        movedTo,
      },
    };
  }
}

function connect(file: string, options: OpenDatabaseOptions, existed: boolean): Database.Database {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS, nativeBinding: options.nativeBinding });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Before the first table: after retention, `incremental_vacuum` gives freed pages back to the disk.
    if (!existed) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before it returns, so an acknowledged flush survives power loss.
    // NORMAL would survive app crashes only; with samples batched every 10 s it would save ~6 ms
    // of CPU a minute (bench/store-flush-bench.ts): not worth events and audit lost on power loss.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    if (rows.length !== 1 || rows[0].quick_check !== 'ok') {
      const summary = rows.slice(0, 3).map((row) => row.quick_check).join('; ');
      throw Object.assign(new Error(`integrity check failed: ${summary}`), { code: 'SQLITE_CORRUPT' });
    }
    migrate(db, file);
    if (existed) convertToIncrementalVacuum(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A file made before auto-vacuum was set is converted once (the mode only takes with a VACUUM),
 * if small enough. A failed VACUUM (disk full) leaves the file as it was: it works the same, it
 * only does not shrink; the next open tries again.
 */
function convertToIncrementalVacuum(db: Database.Database, file: string): void {
  if (db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_INCREMENTAL) return;
  if (file === ':memory:' || statSync(file).size > VACUUM_CONVERSION_LIMIT_BYTES) return;
  try {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  } catch {
    // Not now (no space for the copy, or another connection is reading): it stays as it was.
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** Renames the file and its WAL/SHM companions to `<file>.corrupt-<timestamp>[-wal|-shm]`; returns the new name. */
function moveAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 1; existsSync(target); n++) target = `${file}.corrupt-${stamp}-${n}`;
  renameSync(file, target);
  for (const suffix of COMPANION_SUFFIXES) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}
