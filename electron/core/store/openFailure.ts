import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { sqliteCode } from './storeErrors';

/**
 * Why the history database could not be opened, as the status line says it: "History is not
 * being saved: <reason> (<path>)…". SQLite's own words ("unable to open database file") name no
 * path and no cause, so the folder is probed: no free space, a read-only file system.
 */
export function describeOpenFailure(error: unknown, file: string): string {
  const detail = error instanceof Error ? error.message : String(error);
  const code = sqliteCode(error) ?? (error as { code?: unknown } | null)?.code ?? '';
  const folder = nearestExisting(dirname(file));
  let reason: string;
  let advice: string;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || hasNoFreeSpace(folder)) {
    reason = 'the disk is full';
    advice = 'Free some space there';
  } else if (code === 'EROFS' || isReadOnlyFileSystem(folder)) {
    reason = 'the data folder is on a read-only file system';
    advice = 'Remount it read-write, or start Opsbar with another --data-dir';
  } else if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || String(code).startsWith('SQLITE_READONLY')) {
    reason = 'Opsbar may not write the database file';
    advice = 'Give this user write access to it and its folder';
  } else if (String(code).startsWith('SQLITE_BUSY') || String(code).startsWith('SQLITE_LOCKED')) {
    reason = 'another program holds the database locked';
    advice = 'Stop the other program (another Opsbar on the same --data-dir?)';
  } else if (String(code).startsWith('SQLITE_IOERR') || code === 'EIO') {
    reason = 'the disk reported an I/O error';
    advice = 'Check the disk';
  } else {
    reason = 'the database file could not be opened';
    advice = 'Check the data folder';
  }
  return (
    `History is not being saved: ${reason} (${file}: ${detail}). ` +
    `${advice}; until then history is kept in memory, and Opsbar keeps retrying and writes it to the file once it can.`
  );
}

function nearestExisting(dir: string): string {
  let current = dir;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

function hasNoFreeSpace(dir: string): boolean {
  try {
    return statfsSync(dir).bavail === 0;
  } catch {
    return false;
  }
}

function isReadOnlyFileSystem(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EROFS';
  }
}
