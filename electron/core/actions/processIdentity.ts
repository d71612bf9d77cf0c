import { readFileSync } from 'node:fs';

/** A process as a lock or a run records it: a PID alone can be reused, a PID and its start time cannot. */
export interface ProcessIdentity {
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22); null where there is no /proc (macOS). */
  procStart: number | null;
}

interface ProcStat {
  state: string;
  startTicks: number;
}

/** Fields 3 (state) and 22 (starttime) of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(rest[19]);
  return Number.isFinite(startTicks) ? { state: rest[0], startTicks } : null;
}

const hasProc = (): boolean => process.platform === 'linux';

/** This process, as it writes itself into the lock and its runs. */
export function ownIdentity(): ProcessIdentity {
  return { pid: process.pid, procStart: hasProc() ? (readProcStat(process.pid)?.startTicks ?? null) : null };
}

/**
 * Whether the recorded process still runs: its PID answers signal 0 and, where /proc tells,
 * it is not a zombie and started at the recorded time (a reused PID is another process).
 */
export function isAlive(holder: ProcessIdentity): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists, owned by another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!hasProc()) return true;
  const stat = readProcStat(holder.pid);
  if (!stat) return false;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return holder.procStart === null || stat.startTicks === holder.procStart;
}
