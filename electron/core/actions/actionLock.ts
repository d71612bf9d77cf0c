import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { RefusedError } from '../refusedError';
import { isAlive, type ProcessIdentity } from './processIdentity';

/** What the lock file holds: who runs which plan since when. */
export interface LockHolder extends ProcessIdentity {
  planId: string;
  since: number;
}

/** A lock file that cannot be parsed this long after it was written is left over, not being written. */
const HALF_WRITTEN_GRACE_MS = 5_000;

type Found = { kind: 'held'; holder: LockHolder; text: string } | { kind: 'unreadable'; text: string; ageMs: number } | { kind: 'gone' };

function readLock(path: string, now: number): Found {
  let text: string;
  let mtime: number;
  try {
    text = readFileSync(path, 'utf8');
    mtime = statSync(path).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw new RefusedError(`Could not read the emergency action lock ${path} (${(error as Error).message}): if no emergency action is running on this host, remove it; nothing was touched.`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.planId === 'string' && typeof parsed.since === 'number') {
      return { kind: 'held', text, holder: { pid: parsed.pid, planId: parsed.planId, since: parsed.since, procStart: typeof parsed.procStart === 'number' ? parsed.procStart : null } };
    }
  } catch {
    // Falls through: unreadable.
  }
  return { kind: 'unreadable', text, ageMs: now - mtime };
}

export function describeHolder(holder: LockHolder): string {
  return `plan ${holder.planId}, started ${new Date(holder.since).toISOString().replace(/\.\d{3}Z$/, 'Z')}, pid ${holder.pid}`;
}

function busy(path: string, found: Found): RefusedError {
  if (found.kind === 'held') {
    return new RefusedError(`Another emergency action (${describeHolder(found.holder)}) is running on this host: wait for it or cancel it (opsbar emergency cancel ${found.holder.planId}).`);
  }
  return new RefusedError(`Another emergency action is being started on this host right now (lock file ${path}): try again in a few seconds.`);
}

/** The disk is full (or over quota): no lock file can be written — when freeing space matters most. */
class LockUnwritableError extends Error {}
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);

/** O_EXCL: exactly one process creates the file; the content is on disk before anyone acts. */
function tryCreate(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (NO_SPACE.has(code)) throw new LockUnwritableError((error as Error).message);
    throw new RefusedError(`Could not create the emergency action lock ${path} (${(error as Error).message}): check that the data dir is writable; nothing was touched.`);
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(path);
    if (NO_SPACE.has((error as NodeJS.ErrnoException).code ?? '')) throw new LockUnwritableError((error as Error).message);
    throw error;
  }
  closeSync(fd);
  return true;
}

/** The lock of this process while no lock file can be written (one action at a time here, at least). */
let heldInProcess: string | null = null;

function inProcessLock(path: string, holder: LockHolder, reason: string, options: AcquireOptions): () => void {
  if (heldInProcess !== null) throw new RefusedError(`Another emergency action (plan ${heldInProcess}) is running in this process: wait for it or cancel it.`);
  heldInProcess = holder.planId;
  options.onUnwritable?.(`The host's action lock ${path} could not be written (${reason}): this action runs, but another Opsbar process on this host is not kept from starting one at the same time.`);
  return () => {
    if (heldInProcess === holder.planId) heldInProcess = null;
  };
}

/** Removes the file only while it still holds `text`: never a lock another process took meanwhile. */
function removeIfUnchanged(path: string, text: string): void {
  try {
    if (readFileSync(path, 'utf8') === text) unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export interface AcquireOptions {
  now: number;
  /** Called with a dead holder before its lock is removed (its runs are marked interrupted first). */
  onStale(holder: LockHolder | null): void;
  /** The disk is full: the lock is held in this process only, and this says so. */
  onUnwritable?(message: string): void;
}

/**
 * Takes the host's action lock (shared by the app, `opsbar serve` and the CLI through the data
 * dir) or throws RefusedError naming the live holder. A holder that is gone (its PID is dead, or
 * now belongs to a process with another start time) is stale: removed, then one more try.
 * Returns the release function (idempotent).
 */
export function acquireActionLock(path: string, holder: LockHolder, options: AcquireOptions): () => void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new RefusedError(`Could not create the data dir for the emergency action lock ${path} (${(error as Error).message}); nothing was touched.`);
  }
  const text = `${JSON.stringify(holder)}\n`;
  const release = () => removeIfUnchanged(path, text);
  try {
    return acquireFile(path, text, release, options);
  } catch (error) {
    if (!(error instanceof LockUnwritableError)) throw error;
    // A live holder's file is still readable on a full disk: it is respected.
    const found = readLock(path, options.now);
    if (found.kind === 'held' && isAlive(found.holder)) throw busy(path, found);
    return inProcessLock(path, holder, error.message, options);
  }
}

function acquireFile(path: string, text: string, release: () => void, options: AcquireOptions): () => void {
  if (tryCreate(path, text)) return release;
  const found = readLock(path, options.now);
  if (found.kind === 'held' && isAlive(found.holder)) throw busy(path, found);
  if (found.kind === 'unreadable' && found.ageMs < HALF_WRITTEN_GRACE_MS) throw busy(path, found);
  if (found.kind !== 'gone') {
    options.onStale(found.kind === 'held' ? found.holder : null);
    removeIfUnchanged(path, found.text);
  }
  if (tryCreate(path, text)) return release;
  throw busy(path, readLock(path, options.now));
}

/** The lock's holder when it is stale (dead), for recovery at start; null when free or alive. */
export function staleHolder(path: string, now: number): { holder: LockHolder | null; text: string } | null {
  const found = readLock(path, now);
  if (found.kind === 'gone') return null;
  if (found.kind === 'held') return isAlive(found.holder) ? null : { holder: found.holder, text: found.text };
  return found.ageMs >= HALF_WRITTEN_GRACE_MS ? { holder: null, text: found.text } : null;
}

/** Removes a stale lock found by `staleHolder` (unless it was replaced meanwhile). */
export function removeStaleLock(path: string, text: string): void {
  removeIfUnchanged(path, text);
}
