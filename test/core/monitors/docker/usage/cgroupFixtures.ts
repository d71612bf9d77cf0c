// An in-memory /proc and /sys/fs/cgroup for the cgroup usage reader: a hybrid cgroup v1 host
// with the cgroupfs driver (this project's Debian VM, Docker 20.10) or a cgroup v2 host with the
// systemd driver (Docker 24+ on current distributions).
import type { ReadText } from '../../../../../electron/core/monitors/docker/usage/cgroupUsageReader';

// /proc/self/mountinfo of the Debian VM (Docker 20.10, cgroupfs driver, hybrid hierarchy).
export const V1_MOUNTINFO = `22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw
30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`;

// A systemd host on the unified hierarchy only (Debian 12, Ubuntu 22.04+, Fedora).
export const V2_MOUNTINFO = `22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
`;

// memory.stat of an idle busybox container on cgroup v1 (the VM's kernel), with page cache added.
export function v1MemoryStat(inactiveFile: number): string {
  return [
    'cache 282624', 'rss 49152', 'rss_huge 0', 'shmem 0', 'mapped_file 176128', 'dirty 4096', 'writeback 0', 'swap 0',
    'pgpgin 885', 'pgpgout 804', 'pgfault 1093', 'pgmajfault 2', 'inactive_anon 45056', 'active_anon 4096',
    `inactive_file ${inactiveFile}`, 'active_file 282624', 'unevictable 0', 'hierarchical_memory_limit 9223372036854771712',
    'hierarchical_memsw_limit 9223372036854771712', 'total_cache 282624', 'total_rss 49152', 'total_inactive_anon 45056',
    'total_active_anon 4096', `total_inactive_file ${inactiveFile}`, 'total_active_file 282624', 'total_unevictable 0',
  ].join('\n') + '\n';
}

export function v2MemoryStat(inactiveFile: number): string {
  return ['anon 400000000', 'file 120000000', 'kernel 3000000', 'shmem 0', `inactive_file ${inactiveFile}`, 'active_file 20000000', 'unevictable 0'].join('\n') + '\n';
}

export const MEM_TOTAL_BYTES = 24683548 * 1024;
export const V1_UNLIMITED = '9223372036854771712\n';

export interface FakeContainer {
  cpuNs: number;
  usage: number;
  inactiveFile: number;
  /** Bytes, or null for no limit. */
  limit: number | null;
}

/** A host with 2 CPUs whose /proc/stat and cgroup files tests can change between reads. */
export class FakeCgroupHost {
  readonly reads: string[] = [];
  /** Total jiffies of the `cpu` line (USER_HZ 100): 2 CPUs advance 200 per second. */
  jiffies = 301_444;
  private readonly files = new Map<string, string>();
  private readonly containers = new Map<string, { pid: number; state: FakeContainer }>();

  constructor(readonly version: 1 | 2) {
    this.files.set('/proc/self/mountinfo', version === 1 ? V1_MOUNTINFO : V2_MOUNTINFO);
    this.files.set('/proc/meminfo', `MemTotal:       24683548 kB\nMemFree:        23481000 kB\n`);
  }

  /** Starts a container: its main process `pid` lives in the cgroup Docker made for `id`. */
  add(id: string, pid: number, state: FakeContainer): void {
    this.containers.set(id, { pid, state });
    const entries =
      this.version === 1
        ? `9:name=systemd:/docker/${id}\n4:memory:/docker/${id}\n2:cpuacct:/docker/${id}\n1:cpu:/docker/${id}\n0::/docker/${id}\n`
        : `0::/system.slice/docker-${id}.scope\n`;
    this.files.set(`/proc/${pid}/cgroup`, entries);
  }

  update(id: string, change: Partial<FakeContainer>): void {
    const c = this.containers.get(id);
    if (c) Object.assign(c.state, change);
  }

  /** The container stopped: its process and cgroup are gone. */
  remove(id: string): void {
    const c = this.containers.get(id);
    if (c) this.files.delete(`/proc/${c.pid}/cgroup`);
    this.containers.delete(id);
  }

  /** Wall time passing on 2 busy-or-idle CPUs. */
  advanceSeconds(seconds: number): void {
    this.jiffies += Math.round(seconds * 200);
  }

  readonly read: ReadText = (path) => {
    this.reads.push(path);
    if (path === '/proc/stat') return `cpu  ${this.jiffies - 400} 0 300 100 0 0 0 0 0 0\ncpu0 1 0 0 0 0 0 0 0 0 0\ncpu1 1 0 0 0 0 0 0 0 0 0\nintr 1\n`;
    const fixed = this.files.get(path);
    if (fixed !== undefined) return fixed;
    for (const [id, { state }] of this.containers) {
      const v1 = this.version === 1;
      const memoryDir = v1 ? `/sys/fs/cgroup/memory/docker/${id}` : `/sys/fs/cgroup/system.slice/docker-${id}.scope`;
      const cpuDir = v1 ? `/sys/fs/cgroup/cpuacct/docker/${id}` : memoryDir;
      if (path === `${memoryDir}/${v1 ? 'memory.usage_in_bytes' : 'memory.current'}`) return `${state.usage}\n`;
      if (path === `${memoryDir}/memory.stat`) return v1 ? v1MemoryStat(state.inactiveFile) : v2MemoryStat(state.inactiveFile);
      if (v1 && path === `${memoryDir}/memory.limit_in_bytes`) return state.limit === null ? V1_UNLIMITED : `${state.limit}\n`;
      if (!v1 && path === `${memoryDir}/memory.max`) return state.limit === null ? 'max\n' : `${state.limit}\n`;
      if (v1 && path === `${cpuDir}/cpuacct.usage`) return `${state.cpuNs}\n`;
      if (!v1 && path === `${cpuDir}/cpu.stat`) return `usage_usec ${state.cpuNs / 1000}\nuser_usec 1\nsystem_usec 1\nnr_periods 0\n`;
    }
    return null;
  };

  readsOf(suffix: string): number {
    return this.reads.filter((p) => p.endsWith(suffix)).length;
  }
}

export const ID_A = 'ee3862dca7cc6e8a7b1ca3481092a801a332b52509b9a3e5213c2a16bcb4e584';
export const ID_B = '4475a30a044df3d7a13741ddc7a53226828452f196ec28af9325aa5184ce585c';
