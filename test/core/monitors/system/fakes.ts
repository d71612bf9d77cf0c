import type { NewOpsEvent } from '../../../../shared/types/events';
import type { CollectorHooks } from '../../../../electron/core/monitors/collector';
import type { CollectorClock, MountEntry, StatfsLike, SystemReader } from '../../../../electron/core/monitors/system';

/** A clock whose time and timers move only when the test says so. */
export class FakeClock implements CollectorClock {
  private timers: Array<{ at: number; fn: () => void }> = [];
  constructor(public time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.time + ms, fn };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const timer of due) timer.fn();
  }
  get pendingTimers(): number {
    return this.timers.length;
  }
}

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
