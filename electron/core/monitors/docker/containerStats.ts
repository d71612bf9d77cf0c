import { setMaxListeners } from 'node:events';
import type { Clock } from '../../clock';
import { forEachBounded } from './boundedConcurrency';
import { callWithDeadline } from './callWithDeadline';
import type { DockerApi } from './dockerApi';
import { CgroupUsageReader, type CgroupReading } from './usage/cgroupUsageReader';

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
  /** A container is read at most this often (each reading becomes one history sample). */
  intervalMs: number;
  /** At least this many stats requests at once (more when a round would not fit in an interval). */
  concurrency: number;
  /** Deadline of one stats request. */
  timeoutMs: number;
  /** Cgroup file reader; default: one on Linux, none elsewhere. null: Engine API only. */
  cgroups?: CgroupUsageReader | null;
}

/** A running container to read: its id and, from inspect, its main process's PID. */
export interface StatsTarget {
  id: string;
  pid: number | null;
}

/** A CPU % needs two readings: a container with only one is read again after this long (the CLI's second collect). */
export const MIN_CPU_GAP_MS = 200;
/** One-shot stats answer on dockerd's 1 s sampling tick: a request waits ~1 s, whatever the concurrency. */
const API_CALL_ESTIMATE_MS = 1_200;
/** The most one-shot requests at once, however many containers (the settings' maximum). */
const MAX_API_CONCURRENCY = 32;

type Figures = StatsFigures & { readAt: number };

/**
 * Keeps the latest CPU % and memory of running containers, read at most once per interval each.
 * Where the engine runs on this kernel, from the containers' cgroup files, synchronously and in
 * well under a millisecond per container; for the others (Docker Desktop, remote engines, no PID)
 * from one-shot stats in background rounds of bounded concurrency — never one open stream per
 * container: dockerd pays for each.
 */
export class ContainerStatsSampler {
  private readonly latest = new Map<string, Figures>();
  private readonly previousCpu = new Map<string, CpuReading>();
  private readonly cgroups: CgroupUsageReader | null;
  /** Containers whose last reading came from their cgroup files. */
  private readonly viaCgroup = new Set<string>();
  private fresh = new Set<string>();
  private lastRoundAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  private roundStop: AbortController | null = null;

  constructor(private readonly options: ContainerStatsSamplerOptions) {
    this.cgroups = options.cgroups !== undefined ? options.cgroups : process.platform === 'linux' ? new CgroupUsageReader() : null;
  }

  /**
   * Reads what is due, never throws, never waits: cgroup readings are taken now (so a second call
   * ≥ MIN_CPU_GAP_MS after the first already has CPU %); containers the cgroup files cannot serve
   * go into a background Engine API round when one is due.
   */
  sample(api: DockerApi, targets: readonly StatsTarget[]): void {
    const now = this.options.clock.now();
    // Containers the cgroup files serve are read when due; every other one is offered to them again (cheap: a miss is remembered per PID).
    const wanted = targets.filter((t) => !this.viaCgroup.has(t.id) || this.isDue(t.id, now));
    const readings = this.cgroups && wanted.length > 0 ? this.cgroups.readAll(wanted) : new Map<string, CgroupReading>();
    const viaApi: string[] = [];
    for (const { id } of wanted) {
      const reading = readings.get(id);
      if (!reading) {
        this.viaCgroup.delete(id);
        viaApi.push(id);
        continue;
      }
      this.viaCgroup.add(id);
      const previous = this.previousCpu.get(id);
      const cpuPercent = previous ? cpuPercentBetween(previous, reading.cpu) : null;
      this.record(id, { cpuPercent, memoryBytes: reading.memoryBytes, memoryLimitBytes: reading.memoryLimitBytes }, reading.cpu);
    }
    if (viaApi.length > 0) this.startApiRoundIfDue(api, viaApi, now);
  }

  /** Gives up the running API round (stop): its requests are aborted, nothing waits for dockerd. */
  abort(): void {
    this.roundStop?.abort();
  }

  /** Resolves when no API round is running (tests). */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  figures(id: string): Figures | undefined {
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
    for (const id of [...this.viaCgroup]) if (!keep.has(id)) this.viaCgroup.delete(id);
    this.cgroups?.retain(keep);
  }

  /** Never read, read about an interval ago (timers drift: 10 % early counts), or read once without a CPU % yet. */
  private isDue(id: string, now: number): boolean {
    const last = this.latest.get(id);
    if (!last) return true;
    const age = now - last.readAt;
    return age >= this.options.intervalMs * 0.9 || (last.cpuPercent === null && this.previousCpu.has(id) && age >= MIN_CPU_GAP_MS);
  }

  private record(id: string, figures: StatsFigures, cpu: CpuReading | null): void {
    if (cpu) this.previousCpu.set(id, cpu);
    else this.previousCpu.delete(id);
    this.latest.set(id, { ...figures, readAt: this.options.clock.now() });
    this.fresh.add(id);
  }

  private startApiRoundIfDue(api: DockerApi, ids: string[], now: number): void {
    if (this.inFlight || (this.lastRoundAt !== null && now - this.lastRoundAt < this.options.intervalMs)) return;
    this.lastRoundAt = now;
    const stop = new AbortController();
    const concurrency = this.apiConcurrency(ids.length);
    // Every request in flight listens for the stop: more than Node's default 10 is expected here.
    setMaxListeners(concurrency + 1, stop.signal);
    this.roundStop = stop;
    this.inFlight = forEachBounded(ids, concurrency, (id) => this.sampleOne(api, id, stop.signal)).finally(() => {
      this.inFlight = null;
      this.roundStop = null;
    });
  }

  /** Enough requests at once for a round to take at most half an interval, never fewer than configured. */
  private apiConcurrency(count: number): number {
    const needed = Math.ceil((count * API_CALL_ESTIMATE_MS) / (this.options.intervalMs / 2));
    return Math.min(MAX_API_CONCURRENCY, Math.max(this.options.concurrency, needed));
  }

  private async sampleOne(api: DockerApi, id: string, stop: AbortSignal): Promise<void> {
    if (stop.aborted) return;
    const { clock, timeoutMs } = this.options;
    try {
      const raw = await callWithDeadline(clock, timeoutMs, 'reading container stats', (signal) => api.containerStats(id, signal), stop);
      const { figures, cpu } = statsFigures(raw, this.previousCpu.get(id) ?? null);
      this.record(id, figures, cpu);
    } catch {
      // One container's stats failing (it stopped, the call timed out) leaves its figures null.
      if (stop.aborted) return;
      this.latest.delete(id);
      this.previousCpu.delete(id);
    }
  }
}
