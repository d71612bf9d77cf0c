import type { NewOpsEvent } from '../../../../shared/types/events';
import type { CollectorHooks } from '../../../../electron/core/monitors/collector';
import type { MountEntry, StatfsLike, SystemReader } from '../../../../electron/core/monitors/system';

/** The system collector's tests use the one test clock (test/support/testClock.ts). */
export { TestClock as FakeClock } from '../../../support/testClock';

export function recordingHooks(): CollectorHooks & { events: NewOpsEvent[] } {
  const events: NewOpsEvent[] = [];
  return { events, emitEvent: (e) => events.push(e), requestCollect: () => {} };
}

export const gib = (n: number) => n * 1024 ** 3;

/** Statfs answers for a disk of `totalGib` with `usedGib` used and no root reserve. */
export function statsOf(totalGib: number, usedGib: number): StatfsLike {
  const blocks = gib(totalGib) / 4096;
  const free = gib(totalGib - usedGib) / 4096;
  return { bsize: 4096, blocks, bfree: free, bavail: free };
}

/** A reader with fixed numbers; override any method per test. */
export function fixedReader(mounts: MountEntry[], statfs: SystemReader['statfs']): SystemReader & { listCalls: number } {
  const reader = {
    listCalls: 0,
    readCpuTimes: () => ({ idle: 750, total: 1000, cores: 8 }),
    readMemory: () => ({ totalBytes: gib(64), availableBytes: gib(48), swapTotalBytes: gib(8), swapFreeBytes: gib(6) }),
    readLoad: (): [number, number, number] => [1.5, 1, 0.5],
    readUptime: () => 3600,
    listMounts: () => {
      reader.listCalls++;
      return mounts;
    },
    statfs,
  };
  return reader;
}
