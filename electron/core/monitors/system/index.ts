import os from 'node:os';
import type { Settings } from '../../../../shared/config/settingsSchema';
import { OsSystemReader } from './osSystemReader';
import { ProcSystemReader } from './procSystemReader';
import { SystemCollector } from './systemCollector';
import type { CollectorClock, SystemReader, WarnLogger } from './types';

export interface SystemCollectorDeps {
  reader?: SystemReader;
  platform?: NodeJS.Platform;
  hostname?: string;
  /** The core's `Clock` fits here. */
  clock?: CollectorClock;
  /** The core's `Logger` fits here. */
  log?: WarnLogger;
  mountListTtlMs?: number;
  statfsTimeoutMs?: number;
}

/** /proc on Linux (cheapest, and MemAvailable is right there); Node's `os` elsewhere. */
export function createSystemReader(platform: NodeJS.Platform, ignoreMounts: readonly string[]): SystemReader {
  return platform === 'linux' ? new ProcSystemReader(ignoreMounts) : new OsSystemReader({ platform }, ignoreMounts);
}

export function createSystemCollector(
  settings: Pick<Settings, 'monitoring' | 'disks'>,
  deps: SystemCollectorDeps = {},
): SystemCollector {
  const platform = deps.platform ?? process.platform;
  return new SystemCollector({
    intervalMs: settings.monitoring.systemIntervalMs,
    reader: deps.reader ?? createSystemReader(platform, settings.disks.ignoreMounts),
    hostname: deps.hostname ?? os.hostname(),
    platform,
    clock: deps.clock,
    log: deps.log,
    mountListTtlMs: deps.mountListTtlMs,
    statfsTimeoutMs: deps.statfsTimeoutMs,
  });
}

export { SystemCollector, samplesOf } from './systemCollector';
export { ProcSystemReader } from './procSystemReader';
export { OsSystemReader } from './osSystemReader';
export type { DiskProblem } from './diskSampler';
export type { CollectorClock, CpuTimes, MemoryInfo, MountEntry, StatfsLike, SystemReader, WarnLogger } from './types';
