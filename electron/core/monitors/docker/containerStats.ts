import type { Clock } from '../../clock';
import { forEachBounded } from './boundedConcurrency';
import { callWithDeadline } from './callWithDeadline';
import type { DockerApi } from './dockerApi';

/** Cumulative CPU counters from one stats reading (nanoseconds). */
export interface CpuReading {
  totalUsage: number;
  systemUsage: number;
  onlineCpus: number;
}

export interface StatsFigures {
  cpuPercent: number | null;
  memoryBytes: number | null;
  memoryLimitBytes: number | null;
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' ? (value as Json) : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** CPU counters from `cpu_stats` (or `precpu_stats`); null when absent or empty (one-shot precpu). */
export function readCpu(section: unknown): CpuReading | null {
  const s = obj(section);
  const usage = obj(s?.cpu_usage);
  const totalUsage = num(usage?.total_usage);
  const systemUsage = num(s?.system_cpu_usage);
  if (totalUsage === undefined || systemUsage === undefined || systemUsage <= 0) return null;
  const perCpu = Array.isArray(usage?.percpu_usage) ? usage.percpu_usage.length : 0;
  const onlineCpus = num(s?.online_cpus) || perCpu || 1;
  return { totalUsage, systemUsage, onlineCpus };
}

/**
 * CPU % between two readings, as `docker stats` computes it:
 * cpu_delta / system_delta × online_cpus × 100. Null when the counters went backwards
 * (the container restarted) or no system time passed.
 */
export function cpuPercentBetween(previous: CpuReading, current: CpuReading): number | null {
  const cpuDelta = current.totalUsage - previous.totalUsage;
  const systemDelta = current.systemUsage - previous.systemUsage;
  if (cpuDelta < 0 || systemDelta <= 0) return null;
  return (cpuDelta / systemDelta) * current.onlineCpus * 100;
}

/**
 * Memory in use without reclaimable page cache, as `docker stats` shows it:
 * usage − inactive_file on cgroup v2; on v1 usage − total_inactive_file (what the Docker CLI
 * subtracts since 19.03), falling back to usage − cache when that counter is missing.
 */
export function memoryFigures(raw: unknown): { memoryBytes: number | null; memoryLimitBytes: number | null } {
  const mem = obj(obj(raw)?.memory_stats);
  const usage = num(mem?.usage);
  const limitRaw = num(mem?.limit);
  // An unlimited cgroup v1 reports ~2^63; that is no limit an operator can use.
  const memoryLimitBytes = limitRaw !== undefined && limitRaw > 0 && limitRaw < Number.MAX_SAFE_INTEGER ? limitRaw : null;
  if (usage === undefined) return { memoryBytes: null, memoryLimitBytes };
  const stats = obj(mem?.stats);
  const reclaimable = num(stats?.total_inactive_file) ?? num(stats?.inactive_file) ?? num(stats?.cache) ?? 0;
  return { memoryBytes: reclaimable < usage ? usage - reclaimable : usage, memoryLimitBytes };
}

/**
 * Figures from one one-shot reading. One-shot stats have an empty `precpu_stats`, so CPU % comes
 * from the previous reading Opsbar kept for this container; a filled precpu (older engines that
 * ignore one-shot) is used when there is no previous reading yet.
 */
export function statsFigures(raw: unknown, previous: CpuReading | null): { figures: StatsFigures; cpu: CpuReading | null } {
  const cpu = readCpu(obj(raw)?.cpu_stats);
  const base = previous ?? readCpu(obj(raw)?.precpu_stats);
  const cpuPercent = cpu && base ? cpuPercentBetween(base, cpu) : null;
  return { figures: { cpuPercent, ...memoryFigures(raw) }, cpu };
}

export interface ContainerStatsSamplerOptions {
  clock: Clock;
  /** Stats rounds start at most this often. */
  intervalMs: number;
  /** At most this many stats requests at once. */
  concurrency: number;
  /** Deadline of one stats request. */
  timeoutMs: number;
}

/**
 * Takes one-shot stats of running containers in rounds, a bounded number of requests at a time
 * (never one open stream per container: dockerd pays for each), and keeps the latest figures.
 */
export class ContainerStatsSampler {
  private readonly latest = new Map<string, StatsFigures & { readAt: number }>();
  private readonly previousCpu = new Map<string, CpuReading>();
  private fresh = new Set<string>();
  private lastRoundAt: number | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly options: ContainerStatsSamplerOptions) {}

  /** Starts a round in the background when one is due; never throws, never waits. */
  startRoundIfDue(api: DockerApi, runningIds: string[]): void {
    const now = this.options.clock.now();
    if (this.inFlight || (this.lastRoundAt !== null && now - this.lastRoundAt < this.options.intervalMs)) return;
    this.lastRoundAt = now;
    this.inFlight = this.runRound(api, runningIds).finally(() => {
      this.inFlight = null;
    });
  }

  /** Resolves when no round is running (for stop() and tests). */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  figures(id: string): (StatsFigures & { readAt: number }) | undefined {
    return this.latest.get(id);
  }

  /** Containers with a reading newer than the last call (each reading becomes one history sample). */
  takeFresh(): Set<string> {
    const fresh = this.fresh;
    this.fresh = new Set();
    return fresh;
  }

  /** Drops figures of containers that are gone or no longer running. */
  retain(runningIds: Iterable<string>): void {
    const keep = new Set(runningIds);
    for (const id of [...this.latest.keys()]) if (!keep.has(id)) this.latest.delete(id);
    for (const id of [...this.previousCpu.keys()]) if (!keep.has(id)) this.previousCpu.delete(id);
    for (const id of [...this.fresh]) if (!keep.has(id)) this.fresh.delete(id);
  }

  private async runRound(api: DockerApi, ids: string[]): Promise<void> {
    await forEachBounded(ids, this.options.concurrency, (id) => this.sampleOne(api, id));
  }

  private async sampleOne(api: DockerApi, id: string): Promise<void> {
    const { clock, timeoutMs } = this.options;
    try {
      const raw = await callWithDeadline(clock, timeoutMs, 'reading container stats', (signal) => api.containerStats(id, signal));
      const { figures, cpu } = statsFigures(raw, this.previousCpu.get(id) ?? null);
      if (cpu) this.previousCpu.set(id, cpu);
      else this.previousCpu.delete(id);
      this.latest.set(id, { ...figures, readAt: clock.now() });
      this.fresh.add(id);
    } catch {
      // One container's stats failing (it stopped, the call timed out) leaves its figures null.
      this.latest.delete(id);
      this.previousCpu.delete(id);
    }
  }
}
