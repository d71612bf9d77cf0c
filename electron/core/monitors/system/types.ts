/** Time and timers (structurally the core's `Clock`), injected so tests can drive them. */
export interface CollectorClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

/** Where warnings go (structurally the core's `Logger`). */
export interface WarnLogger {
  warn(message: string): void;
}

/** Cumulative CPU time counters, summed over all cores. Units cancel out (jiffies or ms). */
export interface CpuTimes {
  /** Time spent idle, including waiting for I/O. */
  idle: number;
  /** All time, idle and busy. */
  total: number;
  /** Logical cores the counters were summed over. */
  cores: number;
}

export interface MemoryInfo {
  totalBytes: number;
  /** Memory that can be given to new work without swapping (MemAvailable on Linux). */
  availableBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
}

/** One line of the mount table. */
export interface MountEntry {
  /** Device or source, e.g. `/dev/nvme0n1p2`, `server:/export`, `tank/models`. */
  source: string;
  /** Mount point, unescaped. */
  mount: string;
  fsType: string;
}

/** The fields of `fs.StatFs` the disk math needs. */
export interface StatfsLike {
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
}

/**
 * Where the system collector gets its numbers. One implementation per platform family;
 * tests inject their own. Every method may throw; the collector decides what is fatal.
 */
export interface SystemReader {
  readCpuTimes(): CpuTimes;
  readMemory(): MemoryInfo;
  readLoad(): [number, number, number];
  readUptime(): number;
  /** Mounts worth reporting (pseudo file systems already left out). Called about once a minute. */
  listMounts(): MountEntry[];
  /**
   * Sizes of the file system at `mount.mount`. Local file systems answer synchronously;
   * network ones may answer with a promise so a dead server cannot block the event loop.
   */
  statfs(mount: MountEntry): StatfsLike | Promise<StatfsLike>;
  /** Releases open files, if any. */
  close?(): void;
}
