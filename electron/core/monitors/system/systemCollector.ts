import type { SystemSnapshot } from '../../../../shared/types/system';
import type { Collector, CollectorHooks, CollectorOutput, Sample } from '../collector';
import { cpuPercentBetween } from './cpuTimes';
import { DiskSampler, type DiskProblem } from './diskSampler';
import type { CollectorClock, CpuTimes, SystemReader, WarnLogger } from './types';

export interface SystemCollectorOptions {
  intervalMs: number;
  reader: SystemReader;
  hostname: string;
  platform: string;
  clock?: CollectorClock;
  log?: WarnLogger;
  mountListTtlMs?: number;
  statfsTimeoutMs?: number;
}

/**
 * CPU, memory, swap, load, uptime and disks of this machine. CPU % is the busy share since
 * the previous reading; `start()` takes a first reading so the first sample already covers
 * one interval. Without it (a one-off `collect()`), the first sample is the average since boot.
 */
export class SystemCollector implements Collector<SystemSnapshot> {
  readonly id = 'system';
  readonly intervalMs: number;
  private readonly reader: SystemReader;
  private readonly clock: CollectorClock;
  private readonly disks: DiskSampler;
  private previousCpu: CpuTimes | null = null;
  private hooks: CollectorHooks | null = null;

  constructor(private readonly options: SystemCollectorOptions) {
    this.intervalMs = options.intervalMs;
    this.reader = options.reader;
    this.clock = options.clock ?? realClock;
    this.disks = new DiskSampler(this.reader, {
      mountListTtlMs: options.mountListTtlMs ?? 60_000,
      statfsTimeoutMs: options.statfsTimeoutMs ?? 1_000,
      clock: this.clock,
      onProblemChange: (mount, problem) => this.reportDiskProblem(mount, problem),
    });
  }

  start(hooks: CollectorHooks): void {
    this.hooks = hooks;
    this.previousCpu = this.reader.readCpuTimes();
  }

  stop(): void {
    this.hooks = null;
    this.reader.close?.();
  }

  /** Mounts left out of the last snapshot because they could not be read. */
  diskProblems(): DiskProblem[] {
    return this.disks.currentProblems();
  }

  async collect(): Promise<CollectorOutput<SystemSnapshot>> {
    const at = this.clock.now();
    const cpuTimes = this.reader.readCpuTimes();
    const cpuPercent = cpuPercentBetween(this.previousCpu, cpuTimes);
    this.previousCpu = cpuTimes;
    const memory = this.reader.readMemory();
    const usedBytes = memory.totalBytes - memory.availableBytes;
    const snapshot: SystemSnapshot = {
      at,
      hostname: this.options.hostname,
      platform: this.options.platform,
      cpu: { percent: cpuPercent, cores: cpuTimes.cores },
      memory: {
        totalBytes: memory.totalBytes,
        usedBytes,
        availableBytes: memory.availableBytes,
        percent: memory.totalBytes > 0 ? (usedBytes / memory.totalBytes) * 100 : 0,
      },
      swap: { totalBytes: memory.swapTotalBytes, usedBytes: Math.max(0, memory.swapTotalBytes - memory.swapFreeBytes) },
      load: this.reader.readLoad(),
      uptimeSeconds: this.reader.readUptime(),
      disks: await this.disks.sample(),
    };
    return { snapshot, samples: samplesOf(snapshot) };
  }

  private reportDiskProblem(mount: string, problem: DiskProblem | null): void {
    if (problem) this.options.log?.warn(problem.message);
    this.hooks?.emitEvent({
      at: this.clock.now(),
      source: 'system',
      kind: problem ? 'disk.unreadable' : 'disk.readable',
      severity: problem ? 'warning' : 'info',
      subject: mount,
      message: problem ? `${problem.message}. Its usage is not monitored until it answers.` : `${mount} can be read again.`,
      attributes: {},
    });
  }
}

const realClock: CollectorClock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
};

export function samplesOf(snapshot: SystemSnapshot): Sample[] {
  const ts = snapshot.at;
  const samples: Sample[] = [
    { series: 'cpu.percent', ts, value: snapshot.cpu.percent },
    { series: 'memory.usedBytes', ts, value: snapshot.memory.usedBytes },
    { series: 'memory.percent', ts, value: snapshot.memory.percent },
    { series: 'swap.usedBytes', ts, value: snapshot.swap.usedBytes },
    { series: 'load.1m', ts, value: snapshot.load[0] },
  ];
  for (const disk of snapshot.disks) {
    samples.push({ series: `disk.usedPercent:${disk.mount}`, ts, value: disk.usedPercent });
    samples.push({ series: `disk.freeBytes:${disk.mount}`, ts, value: disk.freeBytes });
  }
  return samples;
}
