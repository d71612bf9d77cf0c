/** Errors of the history store, and plain sentences for the operator. */

/** The database file was written by a newer Opsbar: refuse it rather than guess at its schema. */
export class StoreVersionError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The history database ${file} was written by a newer version of Opsbar (schema ${found}; this version understands up to ${supported}). ` +
        'Update Opsbar, or move the file aside to start a new history.',
    );
    this.name = 'StoreVersionError';
  }
}

/** The SQLite result code of an error (`SQLITE_FULL`, `SQLITE_READONLY_DBMOVED`…), if it has one. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** True when the file is not a database or is damaged: the only case where moving it aside is right. */
export function isCorruptionError(error: unknown): boolean {
  const code = sqliteCode(error) ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

/** Why history could not be written, as a sentence an operator can act on; `file` says where (SQLite's message does not). */
export function describeWriteFailure(error: unknown, file?: string): string {
  const code = sqliteCode(error) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const detail = file ? `${file}: ${message}` : message;
  if (code === 'SQLITE_FULL') return `Disk full: history is not being saved (${detail}). Free some space; Opsbar keeps retrying.`;
  if (code.startsWith('SQLITE_READONLY')) return `The history database is read-only: history is not being saved (${detail}).`;
  if (code.startsWith('SQLITE_IOERR')) return `Disk I/O error: history is not being saved (${detail}). Check the disk.`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `The history database is locked by another program: history is not being saved (${detail}).`;
  }
  if (code.startsWith('SQLITE_CORRUPT')) return `The history database is damaged: history is not being saved (${detail}). Restart Opsbar to move it aside.`;
  return `History is not being saved (${detail}).`;
}

const UNWRITABLE_ERRNO = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'ENOTDIR', 'ENOENT']);
const UNWRITABLE_SQLITE = ['SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_PERM', 'SQLITE_BUSY', 'SQLITE_LOCKED'];

/**
 * True when the database could not be opened or created because of where it lives (disk full,
 * read-only, no permission, locked, I/O error), not because of what it holds: Opsbar can keep the
 * history in memory meanwhile and try again later.
 */
export function isUnwritableError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return UNWRITABLE_ERRNO.has(code) || UNWRITABLE_SQLITE.some((prefix) => code.startsWith(prefix));
}
