import fs from 'node:fs';
import { parseProcStat } from './cpuTimes';
import { parseMeminfo } from './meminfo';
import { isNetworkFs, parseMounts, selectDiskMounts } from './mounts';
import { ProcFile } from './procFile';
import type { CpuTimes, MemoryInfo, MountEntry, StatfsLike, SystemReader } from './types';

/** Linux: numbers straight from /proc and statfs(2), no child processes. */
export class ProcSystemReader implements SystemReader {
  private readonly stat: ProcFile;
  private readonly meminfo: ProcFile;
  private readonly loadavg: ProcFile;
  private readonly uptime: ProcFile;

  constructor(
    private readonly ignoreMounts: readonly string[] = [],
    private readonly procRoot = '/proc',
  ) {
    this.stat = new ProcFile(`${procRoot}/stat`, 64 * 1024);
    this.meminfo = new ProcFile(`${procRoot}/meminfo`);
    this.loadavg = new ProcFile(`${procRoot}/loadavg`, 256);
    this.uptime = new ProcFile(`${procRoot}/uptime`, 256);
  }

  readCpuTimes(): CpuTimes {
    return parseProcStat(this.stat.read());
  }

  readMemory(): MemoryInfo {
    return parseMeminfo(this.meminfo.read());
  }

  readLoad(): [number, number, number] {
    const [one, five, fifteen] = this.loadavg.read().split(' ').map(Number);
    return [one, five, fifteen];
  }

  readUptime(): number {
    return parseFloat(this.uptime.read());
  }

  /** Read whole: the table can be long on container hosts, and it is read once a minute. */
  listMounts(): MountEntry[] {
    return selectDiskMounts(parseMounts(fs.readFileSync(`${this.procRoot}/self/mounts`, 'utf8')), this.ignoreMounts);
  }

  statfs(mount: MountEntry): StatfsLike | Promise<StatfsLike> {
    // The thread pool absorbs a hung network server; the event loop would not.
    return isNetworkFs(mount.fsType) ? fs.promises.statfs(mount.mount) : fs.statfsSync(mount.mount);
  }

  close(): void {
    for (const file of [this.stat, this.meminfo, this.loadavg, this.uptime]) file.close();
  }
}
