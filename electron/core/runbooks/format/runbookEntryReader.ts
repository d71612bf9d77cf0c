import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, realpathSync, type BigIntStats } from 'node:fs';
import { basename, isAbsolute, relative } from 'node:path';
import { MAX_RUNBOOK_BYTES, tooLargeMessage } from './sourceText';

/**
 * One folder entry, looked at before anything is opened. `signature` changes whenever the entry
 * (or the file a link points to) is replaced or edited; the catalog re-parses only then.
 */
export type EntryCheck = { ok: true; target: string; signature: string } | { ok: false; signature: string; message: string };

export type EntryRead = { ok: true; bytes: Buffer; signature: string } | { ok: false; signature: string; message: string };

// O_NOFOLLOW: a link swapped in after the check is not followed. O_NONBLOCK: a FIFO swapped in
// after the check does not block the open (the fstat below then refuses it).
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

const statSignature = (s: BigIntStats) => `${s.dev}:${s.ino}:${s.mode}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;

/** What kind of not-a-file this is, for the message ("is a named pipe (FIFO)"). */
function kindOf(stats: BigIntStats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function isInside(folderReal: string, target: string): boolean {
  const rel = relative(folderReal, target);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Decides whether a folder entry may be read, from lstat (and realpath for a link) only:
 * a regular file, or a link to a regular file inside the folder's own real path, under the size
 * limit. Nothing is opened, so a FIFO or a device can never block or leak here.
 */
export function checkRunbookEntry(folderReal: string, file: string): EntryCheck {
  const name = basename(file);
  let own: BigIntStats;
  try {
    own = lstatSync(file, { bigint: true });
  } catch (error) {
    return { ok: false, signature: 'gone', message: `${name} cannot be read: ${(error as Error).message}` };
  }
  let target = file;
  let stats = own;
  let signature = statSignature(own);
  if (own.isSymbolicLink()) {
    try {
      target = realpathSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { ok: false, signature, message: `${name} is a link to a file that does not exist; not read. Fix or remove the link.` };
      return { ok: false, signature, message: `${name} is a link that cannot be resolved (${code ?? (error as Error).message}); not read. Fix or remove the link.` };
    }
    if (!isInside(folderReal, target)) {
      return { ok: false, signature, message: `${name} is a link to ${target}, outside the runbook folder; not read. Copy the runbook into the folder instead.` };
    }
    try {
      stats = lstatSync(target, { bigint: true });
    } catch (error) {
      return { ok: false, signature, message: `${name} cannot be read: ${(error as Error).message}` };
    }
    signature += `>${statSignature(stats)}`;
  }
  const via = target === file ? '' : ` (through the link to ${basename(target)})`;
  if (!stats.isFile()) return { ok: false, signature, message: `${name}${via} is ${kindOf(stats)}, not a regular file; not read.` };
  if (stats.size > BigInt(MAX_RUNBOOK_BYTES)) return { ok: false, signature, message: `${via ? `${name}${via}: ` : ''}${tooLargeMessage(Number(stats.size))}` };
  return { ok: true, target, signature };
}

/**
 * Reads an accepted entry: opens without following links and without blocking, then checks the
 * open descriptor is the same regular file (closes the race between the check and the open)
 * and reads at most one byte past the limit.
 */
export function readRunbookEntry(folderReal: string, file: string, origin: 'builtin' | 'user' = 'user'): EntryRead {
  const check = checkRunbookEntry(folderReal, file);
  if (!check.ok) return check;
  const name = basename(file);
  // The shipped folder sits inside the signed app.asar in a packaged app, where Electron serves
  // openSync from a temporary copy (another inode, so the fstat check below would refuse every
  // file). Nobody but the package writes there; the lstat checks above still apply.
  if (origin === 'builtin') {
    try {
      const bytes = readFileSync(check.target);
      return bytes.length > MAX_RUNBOOK_BYTES ? { ok: false, signature: check.signature, message: tooLargeMessage(bytes.length) } : { ok: true, bytes, signature: check.signature };
    } catch (error) {
      return { ok: false, signature: check.signature, message: `${name} cannot be read: ${(error as Error).message}` };
    }
  }
  let fd: number;
  try {
    fd = openSync(check.target, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, signature: check.signature, message: `${name} cannot be opened: ${(error as Error).message}` };
  }
  try {
    const stats = fstatSync(fd, { bigint: true });
    if (!stats.isFile() || !check.signature.endsWith(statSignature(stats))) {
      return { ok: false, signature: `${check.signature}!`, message: `${name} changed while it was being read; not read. Reload the library.` };
    }
    const buffer = Buffer.alloc(Math.min(Number(stats.size), MAX_RUNBOOK_BYTES) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_RUNBOOK_BYTES) return { ok: false, signature: check.signature, message: tooLargeMessage(length) };
    return { ok: true, bytes: buffer.subarray(0, length), signature: check.signature };
  } catch (error) {
    return { ok: false, signature: check.signature, message: `${name} cannot be read: ${(error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** The folder's real path (links resolved), which link targets must stay inside. */
export function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
