import type { CpuTimes } from './types';

/**
 * Parses the aggregate `cpu` line of /proc/stat and counts the `cpuN` lines.
 * Fields: user nice system idle iowait irq softirq steal guest guest_nice. guest and
 * guest_nice are already included in user and nice, so they are not added again; steal
 * counts as busy (the time was not ours to use), iowait as idle.
 */
export function parseProcStat(text: string): CpuTimes {
  if (!text.startsWith('cpu ')) throw new Error('/proc/stat does not start with an aggregate "cpu" line');
  const lineEnd = text.indexOf('\n');
  const fields = text
    .slice(4, lineEnd === -1 ? undefined : lineEnd)
    .trim()
    .split(/\s+/)
    .map(Number);
  if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) {
    throw new Error('/proc/stat has an unreadable "cpu" line');
  }
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  let cores = 0;
  for (let at = text.indexOf('\ncpu'); at !== -1; at = text.indexOf('\ncpu', at + 4)) cores++;
  return {
    idle: idle + iowait,
    total: user + nice + system + idle + iowait + irq + softirq + steal,
    cores: Math.max(cores, 1),
  };
}

/** The shape of `os.cpus()[n].times` (milliseconds). */
export interface OsCpuTimes {
  user: number;
  nice: number;
  sys: number;
  idle: number;
  irq: number;
}

/** Sums `os.cpus()` into one counter set. */
export function cpuTimesFromOs(cpus: ReadonlyArray<{ times: OsCpuTimes }>): CpuTimes {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total, cores: Math.max(cpus.length, 1) };
}

/**
 * Busy share of all cores between two readings, 0–100. Without a previous reading,
 * pass `null` to get the average since boot. Counters that went backwards (a core taken
 * offline, a reset) give 0 rather than a nonsense value.
 */
export function cpuPercentBetween(previous: CpuTimes | null, current: CpuTimes): number {
  const totalDelta = current.total - (previous?.total ?? 0);
  const idleDelta = current.idle - (previous?.idle ?? 0);
  if (!(totalDelta > 0)) return 0;
  const percent = ((totalDelta - idleDelta) / totalDelta) * 100;
  return Math.min(100, Math.max(0, percent));
}
