import { readFileSync } from 'node:fs';
import type { CpuReading } from '../containerStats';
import { locateContainerCgroup, parseMountInfo, type CgroupMount, type ContainerCgroup } from './cgroupLocation';

/** Reads a text file; null when it is missing or unreadable. Injected so tests can use a fixture tree. */
export type ReadText = (path: string) => string | null;

/** Sync reads: an async read of a /proc or cgroup file costs ~1 ms of thread-pool round trip, a sync one ~10–20 µs. */
export const readTextSync: ReadText = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** One container's figures, as `docker stats` would show them. */
export interface CgroupReading {
  cpu: CpuReading;
  memoryBytes: number;
  memoryLimitBytes: number | null;
}

/** USER_HZ: /proc/stat counts in 1/100 s on every Linux Docker runs on. */
const TICKS_PER_SECOND = 100;

/**
 * Host CPU time as dockerd computes `system_cpu_usage`: the first seven fields of the `cpu` line
 * of /proc/stat (user … softirq) in nanoseconds, and the online CPUs as the count of `cpuN` lines.
 */
export function parseHostCpu(procStat: string): { systemUsage: number; onlineCpus: number } | null {
  const lines = procStat.split('\n');
  const total = lines.find((l) => l.startsWith('cpu '));
  if (!total) return null;
  const ticks = total.trim().split(/\s+/).slice(1, 8).map(Number);
  if (ticks.length < 7 || ticks.some((t) => !Number.isFinite(t))) return null;
  const onlineCpus = lines.filter((l) => /^cpu\d+ /.test(l)).length || 1;
  return { systemUsage: (ticks.reduce((a, b) => a + b, 0) * 1e9) / TICKS_PER_SECOND, onlineCpus };
}

/** MemTotal in bytes: dockerd reports it as the limit of a container without one. */
export function parseMemTotal(meminfo: string): number | null {
  const match = /^MemTotal:\s+(\d+) kB/m.exec(meminfo);
  return match ? Number(match[1]) * 1024 : null;
}

/** The value of `name` in a flat-keyed cgroup file (memory.stat, cpu.stat: one `key value` per line). */
function statField(stat: string, name: string): number | undefined {
  const key = `${name} `;
  const line = stat.startsWith(key) ? 0 : stat.indexOf(`\n${key}`) + 1;
  if (line === 0 && !stat.startsWith(key)) return undefined;
  const end = stat.indexOf('\n', line);
  const value = Number(stat.slice(line + key.length, end < 0 ? undefined : end));
  return Number.isFinite(value) ? value : undefined;
}

function integer(text: string | null): number | null {
  if (text === null) return null;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
}

/**
 * Usage from a container's cgroup files, with docker stats' arithmetic: memory is usage minus
 * inactive page cache (v1 `total_inactive_file`, v2 `inactive_file`); CPU is cumulative ns.
 * Null when a needed file is missing (the container stopped, or the files are not ours to read).
 */
export function readCgroupFigures(
  cgroup: ContainerCgroup,
  read: ReadText,
  host: { systemUsage: number; onlineCpus: number; memTotal: number | null },
): CgroupReading | null {
  const v1 = cgroup.version === 1;
  const usage = integer(read(`${cgroup.memoryDir}/${v1 ? 'memory.usage_in_bytes' : 'memory.current'}`));
  const stat = read(`${cgroup.memoryDir}/memory.stat`);
  const cpuNs = v1 ? integer(read(`${cgroup.cpuDir}/cpuacct.usage`)) : cpuStatUsageNs(read(`${cgroup.cpuDir}/cpu.stat`));
  if (usage === null || stat === null || cpuNs === null) return null;
  const inactive = (v1 ? (statField(stat, 'total_inactive_file') ?? statField(stat, 'inactive_file')) : statField(stat, 'inactive_file')) ?? 0;
  // v2 writes "max" for no limit; v1 a huge number. dockerd then reports the host's memory: so do we.
  const limitText = read(`${cgroup.memoryDir}/${v1 ? 'memory.limit_in_bytes' : 'memory.max'}`);
  const limit = limitText === null || limitText.trim() === 'max' ? null : integer(limitText);
  const memoryLimitBytes = limit !== null && (host.memTotal === null || limit < host.memTotal) ? limit : host.memTotal;
  return {
    cpu: { totalUsage: cpuNs, systemUsage: host.systemUsage, onlineCpus: host.onlineCpus },
    memoryBytes: inactive < usage ? usage - inactive : usage,
    memoryLimitBytes,
  };
}

function cpuStatUsageNs(stat: string | null): number | null {
  const usec = stat === null ? undefined : statField(stat, 'usage_usec');
  return usec === undefined ? null : usec * 1000;
}

export interface CgroupTarget {
  id: string;
  /** The container's main process (inspect's State.Pid); null when unknown. */
  pid: number | null;
}

/**
 * Reads running containers' usage straight from their cgroup files, as cAdvisor does: ~0.1 ms of
 * CPU per container instead of a one-shot stats request that waits ~1 s for dockerd's sampling tick.
 * Works where the engine runs on this kernel (Linux, local socket); elsewhere (Docker Desktop's
 * VM, a remote engine, macOS) every read is null and the caller falls back to the Engine API.
 */
export class CgroupUsageReader {
  private mounts: CgroupMount[] | null = null;
  private memTotal: number | null | undefined;
  /** Located cgroups, per container id, with the PID they were found through. */
  private readonly located = new Map<string, { pid: number; cgroup: ContainerCgroup | null }>();

  constructor(
    private readonly read: ReadText = readTextSync,
    private readonly procRoot = '/proc',
  ) {}

  /** Figures for each container that can be read here; the others are missing from the map. */
  readAll(targets: readonly CgroupTarget[]): Map<string, CgroupReading> {
    const readings = new Map<string, CgroupReading>();
    if (!targets.some((t) => t.pid !== null && t.pid > 0) || this.cgroupMounts().length === 0) return readings;
    let host: Parameters<typeof readCgroupFigures>[2] | null | undefined;
    for (const target of targets) {
      const cgroup = target.pid !== null && target.pid > 0 ? this.cgroupOf(target.id, target.pid) : null;
      if (!cgroup) continue;
      // One /proc/stat read per round, and only when some container is served from its cgroup.
      host ??= this.hostFigures();
      const reading = host && readCgroupFigures(cgroup, this.read, host);
      if (reading) readings.set(target.id, reading);
      // Unreadable now (stopped, moved): look it up again next time.
      else this.located.delete(target.id);
    }
    return readings;
  }

  /** Forgets containers no longer running. */
  retain(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const id of [...this.located.keys()]) if (!keep.has(id)) this.located.delete(id);
  }

  private hostFigures(): { systemUsage: number; onlineCpus: number; memTotal: number | null } | null {
    const cpu = parseHostCpu(this.read(`${this.procRoot}/stat`) ?? '');
    if (!cpu) return null;
    this.memTotal ??= parseMemTotal(this.read(`${this.procRoot}/meminfo`) ?? '');
    return { ...cpu, memTotal: this.memTotal };
  }

  private cgroupMounts(): CgroupMount[] {
    this.mounts ??= parseMountInfo(this.read(`${this.procRoot}/self/mountinfo`) ?? '');
    return this.mounts;
  }

  /** Found once per (container, PID): a container whose PID does not lead to its cgroup is not retried until its PID changes. */
  private cgroupOf(id: string, pid: number): ContainerCgroup | null {
    const known = this.located.get(id);
    if (known && known.pid === pid) return known.cgroup;
    const procCgroup = this.read(`${this.procRoot}/${pid}/cgroup`);
    const cgroup = procCgroup === null ? null : locateContainerCgroup(id, procCgroup, this.cgroupMounts());
    this.located.set(id, { pid, cgroup });
    return cgroup;
  }
}
