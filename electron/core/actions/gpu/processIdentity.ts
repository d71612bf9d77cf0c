import { join } from 'node:path';
import { containerFromCgroup } from '../../monitors/gpu/processes/cgroupContainer';
import { parseBootTime, parseStatStartTicks, parseStatusUid, readSmallFile, startedAtMs } from '../../monitors/gpu/processes/procFiles';

/**
 * Who a PID is right now, from /proc: its start time (field 22 of /proc/<pid>/stat, clock ticks
 * since boot) is what ties the PID in a plan to one process — a PID reused by another process has
 * another start time, and acting on it would hit the wrong process.
 */
export interface ProcessIdentity {
  pid: number;
  startTicks: number;
  /** Field 3: `R`, `S`, `D`, `Z` (a zombie holds no memory: it has exited)… */
  state: string;
  ppid: number | null;
  /** The real uid (/proc/<pid>/status); null when not readable. */
  uid: number | null;
  /** Field 2 (the kernel's 15-character name, from the file that was executed). */
  comm: string;
  /** argv as the process set it (NUL-separated /proc/<pid>/cmdline); empty for kernel threads. */
  argv: string[];
  /** The container it runs in (from /proc/<pid>/cgroup), null on the host. */
  containerId: string | null;
}

/** Fields 3 and 4 after the LAST `)` (comm may hold spaces and parentheses). */
function stateAndParent(stat: string): { state: string; ppid: number | null } {
  const fields = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/);
  const ppid = /^\d+$/.test(fields[1] ?? '') ? Number(fields[1]) : null;
  return { state: fields[0] ?? '?', ppid };
}

/** The process now, or null when the PID is not there (it ended). */
export function readProcessIdentity(pid: number, procRoot = '/proc'): ProcessIdentity | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const dir = join(procRoot, String(pid));
  const stat = readSmallFile(join(dir, 'stat'), 4096);
  if (stat === null) return null;
  const startTicks = parseStatStartTicks(stat);
  if (startTicks === null) return null;
  const status = readSmallFile(join(dir, 'status'));
  const cmdline = readSmallFile(join(dir, 'cmdline'), 32 * 1024) ?? '';
  const cgroup = readSmallFile(join(dir, 'cgroup'));
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  return {
    pid,
    startTicks,
    ...stateAndParent(stat),
    uid: status === null ? null : parseStatusUid(status),
    comm: open >= 0 && close > open ? stat.slice(open + 1, close) : '',
    argv: cmdline.split('\0').filter((part, i, all) => part !== '' || i < all.length - 1),
    containerId: cgroup === null ? null : (containerFromCgroup(cgroup)?.id ?? null),
  };
}

/** Ended, or a zombie waiting to be reaped (its memory is already freed). */
export function hasExited(identity: ProcessIdentity | null, startTicks: number): boolean {
  return identity === null || identity.startTicks !== startTicks || identity.state === 'Z' || identity.state === 'X';
}

/** The command line as the plan shows it (argv joined by spaces; the comm in brackets when empty). */
export function commandLineOf(identity: ProcessIdentity): string {
  const text = identity.argv.join(' ').trim();
  return text === '' ? `[${identity.comm}]` : text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

let bootTimeSec: number | null | undefined;

/** btime of /proc/stat, read once: it is derived from the clock and uptime and may move by a second between reads. */
function bootTime(procRoot: string): number | null {
  if (bootTimeSec === undefined) {
    const text = readSmallFile(join(procRoot, 'stat'), 256 * 1024);
    bootTimeSec = text === null ? null : parseBootTime(text);
  }
  return bootTimeSec;
}

/** The start time in ms since the epoch (to compare with the GPU list's `startedAt`); null when btime is unreadable. */
export function startTicksToMs(startTicks: number, procRoot = '/proc'): number | null {
  const boot = bootTime(procRoot);
  return boot === null ? null : startedAtMs(startTicks, boot);
}

/** A start time in words for messages ("2026-12-02 07:40:01.230 UTC", or the ticks when btime is unreadable). */
export function describeStartTicks(startTicks: number, procRoot = '/proc'): string {
  const ms = startTicksToMs(startTicks, procRoot);
  return ms === null ? `${startTicks} ticks after boot` : new Date(ms).toISOString().replace('T', ' ').slice(0, 23) + ' UTC';
}
