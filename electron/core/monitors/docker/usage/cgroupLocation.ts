/**
 * Where a container's cgroup files are on this host, found the way cAdvisor does: from the
 * cgroup mounts (/proc/self/mountinfo) and the container's main process (/proc/<pid>/cgroup),
 * so systemd and cgroupfs drivers, custom --cgroup-parent and rootless layouts all resolve alike.
 */

/** A mounted cgroup hierarchy. */
export interface CgroupMount {
  version: 1 | 2;
  /** v1: the controllers of this hierarchy (memory, cpu, cpuacct…); v2: empty. */
  controllers: string[];
  /** The cgroup path the mount shows at its mount point ("/" on a host; deeper inside a container). */
  root: string;
  mountPoint: string;
}

/** The directories holding one container's memory and CPU accounting files. */
export interface ContainerCgroup {
  version: 1 | 2;
  memoryDir: string;
  cpuDir: string;
}

/** mountinfo escapes space, tab, newline and backslash as octal (\040…). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Cgroup mounts from /proc/self/mountinfo (`id parent dev root mountpoint opts [tags…] - fstype source superopts`). */
export function parseMountInfo(text: string): CgroupMount[] {
  const mounts: CgroupMount[] = [];
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const fields = left.split(' ');
    const [fsType, , superOptions = ''] = right.split(' ');
    if (fields.length < 5 || (fsType !== 'cgroup' && fsType !== 'cgroup2')) continue;
    const root = unescapeMountField(fields[3]);
    const mountPoint = unescapeMountField(fields[4]);
    if (fsType === 'cgroup2') mounts.push({ version: 2, controllers: [], root, mountPoint });
    else mounts.push({ version: 1, controllers: superOptions.split(','), root, mountPoint });
  }
  return mounts;
}

/** Entries of /proc/<pid>/cgroup (`hierarchy-id:controllers:path`; v2 is `0::path`). */
export function parseProcCgroup(text: string): { controllers: string[]; path: string }[] {
  const entries: { controllers: string[]; path: string }[] = [];
  for (const line of text.split('\n')) {
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first < 0 || second < 0) continue;
    const controllers = line.slice(first + 1, second);
    entries.push({ controllers: controllers ? controllers.split(',') : [], path: line.slice(second + 1) });
  }
  return entries;
}

/** The directory of `path` under `mount`, or null when the mount does not show that part of the tree. */
function dirUnder(mount: CgroupMount, path: string): string | null {
  const root = mount.root === '/' ? '' : mount.root;
  if (root && path !== root && !path.startsWith(`${root}/`)) return null;
  return mount.mountPoint.replace(/\/$/, '') + path.slice(root.length);
}

/**
 * The cgroup of container `containerId` given its main process's /proc/<pid>/cgroup, or null
 * when these files are not that container's (a remote engine or Docker Desktop's VM reports PIDs
 * of another machine; a PID reused since): its path must name the container id.
 * cgroup v1 (memory + cpuacct hierarchies) is preferred when mounted: on a hybrid host the
 * unified hierarchy holds no controllers.
 */
export function locateContainerCgroup(containerId: string, procCgroup: string, mounts: CgroupMount[]): ContainerCgroup | null {
  if (!/^[0-9a-f]{12,64}$/i.test(containerId)) return null;
  const entries = parseProcCgroup(procCgroup);
  const ownedPath = (path: string) => path.includes(containerId);
  const v1 = (controller: string): string | null => {
    const entry = entries.find((e) => e.controllers.includes(controller));
    const mount = mounts.find((m) => m.version === 1 && m.controllers.includes(controller));
    return entry && mount && ownedPath(entry.path) ? dirUnder(mount, entry.path) : null;
  };
  const memoryDir = v1('memory');
  const cpuDir = v1('cpuacct');
  if (memoryDir && cpuDir) return { version: 1, memoryDir, cpuDir };

  const unified = entries.find((e) => e.controllers.length === 0);
  const mount = mounts.find((m) => m.version === 2);
  if (!unified || !mount || !ownedPath(unified.path)) return null;
  const dir = dirUnder(mount, unified.path);
  return dir ? { version: 2, memoryDir: dir, cpuDir: dir } : null;
}
