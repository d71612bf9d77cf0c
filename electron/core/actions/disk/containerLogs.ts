import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** Log drivers whose file Docker names in `LogPath` and that may be truncated in place. */
export const TRUNCATABLE_LOG_DRIVERS = new Set(['json-file', 'local']);

export interface LogFileFacts {
  size: number;
  inode: number;
  device: number;
}

/** Why a LogPath may not be touched, or null when it is a regular file inside Docker's data root. */
export async function refuseLogPath(path: string, dockerRoot: string): Promise<string | null> {
  if (!isAbsolute(path)) return `LogPath ${path} is not an absolute path`;
  if (!isInside(resolve(path), resolve(dockerRoot))) return `LogPath ${path} is not inside Docker's data root ${dockerRoot}`;
  const stats = await lstat(path);
  if (stats.isSymbolicLink()) return `LogPath ${path} is a symbolic link; only the file Docker writes is truncated`;
  if (!stats.isFile()) return `LogPath ${path} is not a regular file`;
  // A symlinked folder on the way would lead elsewhere too: the real folder must still be inside the root.
  const [realDir, realRoot] = await Promise.all([realpath(dirname(path)), realpath(dockerRoot)]);
  if (!isInside(realDir, realRoot)) return `LogPath ${path} leads outside Docker's data root ${dockerRoot} (through a symbolic link)`;
  return null;
}

/** Size, inode and device of a log file (lstat: never follows a link); null when there is none. */
export async function readLogFileFacts(path: string): Promise<LogFileFacts | null> {
  try {
    const stats = await lstat(path);
    return { size: stats.size, inode: stats.ino, device: stats.dev };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export type TruncateResult = { truncated: true; freedBytes: number } | { truncated: false; reason: string };

/**
 * Truncates the log to 0 bytes when it is still the file the plan saw (same inode and device),
 * a regular file inside Docker's data root. Opened O_NOFOLLOW and checked again through the open
 * descriptor, so a link swapped in between the check and the open is never followed.
 */
export async function truncateLogFile(path: string, expected: { inode: number; device: number }, dockerRoot: string): Promise<TruncateResult> {
  const refusal = await refuseLogPath(path, dockerRoot);
  if (refusal) return { truncated: false, reason: refusal };
  const handle = await open(path, constants.O_WRONLY | constants.O_NOFOLLOW);
  try {
    const stats = await handle.stat();
    if (stats.ino !== expected.inode || stats.dev !== expected.device) {
      return { truncated: false, reason: `LogPath ${path} is another file now (inode ${stats.ino}, the plan saw ${expected.inode})` };
    }
    await handle.truncate(0);
    return { truncated: true, freedBytes: stats.size };
  } finally {
    await handle.close();
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
