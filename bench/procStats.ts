import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  ppid: number;
  /** utime + stime of the process itself, in ticks. */
  own: number;
  /** cutime + cstime: children it has waited for (and theirs), in ticks. */
  reaped: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state ppid … utime(11) stime(12) cutime(13) cstime(14), 0-based.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), reaped: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null; // the process went away
  }
}

/** CPU seconds used by a process and its waited-for children, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readStat(pid);
  return stat ? (stat.own + stat.reaped) / TICKS_PER_SECOND : 0;
}

/** Live descendants of `root` (children, grandchildren…), from one pass over /proc. */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(Number(entry));
    children.set(stat.ppid, list);
  }
  const found: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/**
 * CPU seconds of a whole process tree: the process, every live descendant, and the children
 * that already exited (cutime/cstime of whoever waited for them). A child that exits between two
 * readings moves from "live" to its parent's cutime with all of its CPU, so differences add up.
 */
export function treeCpuSeconds(root: number): { total: number; own: number; children: number } {
  const rootStat = readStat(root);
  if (!rootStat) return { total: 0, own: 0, children: 0 };
  let children = rootStat.reaped;
  for (const pid of descendantsOf(root)) {
    const stat = readStat(pid);
    if (stat) children += stat.own + stat.reaped;
  }
  return { total: (rootStat.own + children) / TICKS_PER_SECOND, own: rootStat.own / TICKS_PER_SECOND, children: children / TICKS_PER_SECOND };
}

/** Peak resident memory (VmHWM) in bytes. */
export function peakRssBytes(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function pidOf(name: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) return Number(entry);
    } catch {
      // process went away
    }
  }
  return null;
}
