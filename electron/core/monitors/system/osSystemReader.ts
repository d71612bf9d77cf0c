import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuTimesFromOs, type OsCpuTimes } from './cpuTimes';
import type { CpuTimes, MemoryInfo, MountEntry, StatfsLike, SystemReader } from './types';

/** The parts of `node:os` and `node:fs` this reader uses; tests pass fakes. */
export interface OsReaderDeps {
  platform: NodeJS.Platform;
  cpus(): ReadonlyArray<{ times: OsCpuTimes }>;
  totalmem(): number;
  freemem(): number;
  loadavg(): number[];
  uptime(): number;
  statfsSync(path: string): StatfsLike;
  /** Names of the real folders (not symlinks) in a folder. */
  listDirs(path: string): string[];
  exists(path: string): boolean;
  /** The device a path lives on (`stat.dev`), to tell a mount point from a plain folder. */
  deviceOf(path: string): number;
}

const nodeDeps: OsReaderDeps = {
  platform: process.platform,
  cpus: () => os.cpus(),
  totalmem: () => os.totalmem(),
  freemem: () => os.freemem(),
  loadavg: () => os.loadavg(),
  uptime: () => os.uptime(),
  statfsSync: (p) => fs.statfsSync(p),
  // `/Volumes/Macintosh HD` is a symlink to `/`: only real folders are mount points.
  listDirs: (p) =>
    fs
      .readdirSync(p, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name),
  exists: (p) => fs.existsSync(p),
  deviceOf: (p) => fs.statSync(p).dev,
};

/**
 * macOS and other platforms, through Node's `os` module. Caveats: `os.freemem()` on macOS
 * counts only free pages, not the inactive and purgeable ones the system hands out on
 * demand, so "used" reads higher than Activity Monitor's "Memory Used"; swap is not
 * exposed by `os` and reads as 0; `os.loadavg()` is [0, 0, 0] on Windows.
 */
export class OsSystemReader implements SystemReader {
  private readonly deps: OsReaderDeps;
  private readonly ignored: ReadonlySet<string>;

  constructor(deps: Partial<OsReaderDeps> = {}, ignoreMounts: readonly string[] = []) {
    this.deps = { ...nodeDeps, ...deps };
    this.ignored = new Set(ignoreMounts);
  }

  readCpuTimes(): CpuTimes {
    return cpuTimesFromOs(this.deps.cpus());
  }

  readMemory(): MemoryInfo {
    const totalBytes = this.deps.totalmem();
    return { totalBytes, availableBytes: Math.min(this.deps.freemem(), totalBytes), swapTotalBytes: 0, swapFreeBytes: 0 };
  }

  readLoad(): [number, number, number] {
    const [one = 0, five = 0, fifteen = 0] = this.deps.loadavg();
    return [one, five, fifteen];
  }

  readUptime(): number {
    return this.deps.uptime();
  }

  listMounts(): MountEntry[] {
    return this.candidateMounts().filter((m) => !this.ignored.has(m.mount));
  }

  private candidateMounts(): MountEntry[] {
    const { platform } = this.deps;
    if (platform === 'win32') {
      const root = path.win32.parse(process.cwd()).root || 'C:\\';
      return [{ source: root, mount: root, fsType: 'unknown' }];
    }
    if (platform !== 'darwin') return [{ source: '/', mount: '/', fsType: 'unknown' }];
    // The sealed system volume and the data volume share one APFS container.
    const mounts: MountEntry[] = [{ source: '/', mount: '/', fsType: 'apfs' }];
    if (this.deps.exists('/System/Volumes/Data')) {
      mounts.push({ source: '/System/Volumes/Data', mount: '/System/Volumes/Data', fsType: 'apfs' });
    }
    if (this.deps.exists('/Volumes')) {
      const systemDevices = new Set(mounts.map((m) => this.deps.deviceOf(m.mount)));
      for (const name of this.deps.listDirs('/Volumes')) {
        const mount = `/Volumes/${name}`;
        // A leftover folder of an ejected disk lives on the data volume: not a mount.
        if (systemDevices.has(this.deps.deviceOf(mount))) continue;
        mounts.push({ source: mount, mount, fsType: 'unknown' });
      }
    }
    return mounts;
  }

  statfs(mount: MountEntry): StatfsLike {
    return this.deps.statfsSync(mount.mount);
  }
}
