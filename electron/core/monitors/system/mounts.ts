import type { MountEntry } from './types';

/**
 * File systems that hold no user data, or whose "fullness" means nothing to an operator
 * (squashfs snaps are always 100% full, tmpfs lives in RAM and is counted as memory).
 */
export const PSEUDO_FS_TYPES: ReadonlySet<string> = new Set([
  'autofs', 'binfmt_misc', 'bpf', 'cgroup', 'cgroup2', 'configfs', 'debugfs', 'devfs', 'devpts',
  'devtmpfs', 'efivarfs', 'fuse', 'fusectl', 'hugetlbfs', 'mqueue', 'nfsd', 'nsfs', 'overlay',
  'proc', 'pstore', 'ramfs', 'rpc_pipefs', 'securityfs', 'selinuxfs', 'squashfs', 'sysfs',
  'tmpfs', 'tracefs', 'zram',
]);

/**
 * FUSE file systems that are real storage. Every other `fuse.*` type (gvfsd-fuse, portal,
 * lxcfs, snapfuse, AppImage, doc portals…) is a view of something else and is skipped.
 * `fuseblk` (ntfs-3g, exfat-fuse on a block device) is not `fuse.*` and is kept.
 */
export const REAL_FUSE_TYPES: ReadonlySet<string> = new Set([
  'fuse.sshfs', 'fuse.rclone', 'fuse.mergerfs', 'fuse.s3fs', 'fuse.glusterfs', 'fuse.ceph-fuse',
  'fuse.juicefs', 'fuse.gcsfuse', 'fuse.gocryptfs', 'fuse.encfs', 'fuse.zfs',
]);

/** File systems whose statfs goes over the network and can hang while the server is away. */
export const NETWORK_FS_TYPES: ReadonlySet<string> = new Set([
  'nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'ceph', '9p', 'afs', 'glusterfs', 'lustre',
  'fuse.sshfs', 'fuse.rclone', 'fuse.s3fs', 'fuse.glusterfs', 'fuse.ceph-fuse', 'fuse.juicefs',
  'fuse.gcsfuse',
]);

/** Roots under which container engines make their own mounts (one per container layer). */
const CONTAINER_ENGINE_ROOTS = ['/var/lib/docker/', '/var/lib/containers/', '/run/docker/', '/run/containerd/'];

export function isNetworkFs(fsType: string): boolean {
  return NETWORK_FS_TYPES.has(fsType);
}

export function isPseudoFs(fsType: string): boolean {
  if (fsType.startsWith('fuse.')) return !REAL_FUSE_TYPES.has(fsType);
  return PSEUDO_FS_TYPES.has(fsType);
}

/** Undoes the octal escapes the kernel writes into mount tables (`\040` space, `\011` tab…). */
export function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Parses /proc/self/mounts (fstab format: source, mount point, type, options, 0, 0). */
export function parseMounts(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const [source, mount, fsType] = line.trim().split(/\s+/);
    if (!source || !mount || !fsType) continue;
    entries.push({ source: unescapeMountField(source), mount: unescapeMountField(mount), fsType });
  }
  return entries;
}

/**
 * Keeps the mounts worth a disk line: no pseudo file systems, nothing a container engine
 * mounted below its data root (the data root itself is kept: it is often its own disk),
 * nothing the operator ignored, each path once (the last mount over it is the one seen),
 * and each source once — for bind mounts and btrfs
 * subvolumes of one device, the shortest mount path wins (`/` over `/var/lib/docker`).
 */
export function selectDiskMounts(entries: readonly MountEntry[], ignoreMounts: readonly string[] = []): MountEntry[] {
  const ignored = new Set(ignoreMounts);
  // A path mounted over again shows only its last mount.
  const byPath = new Map<string, MountEntry>();
  for (const entry of entries) byPath.set(entry.mount, entry);
  const bySource = new Map<string, MountEntry>();
  for (const entry of byPath.values()) {
    if (isPseudoFs(entry.fsType) || ignored.has(entry.mount)) continue;
    if (CONTAINER_ENGINE_ROOTS.some((root) => entry.mount.startsWith(root))) continue;
    const kept = bySource.get(entry.source);
    if (!kept || entry.mount.length < kept.mount.length) bySource.set(entry.source, entry);
  }
  return [...bySource.values()].sort((a, b) => a.mount.localeCompare(b.mount));
}
