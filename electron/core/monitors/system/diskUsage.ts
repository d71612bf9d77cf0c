import type { DiskUsage } from '../../../../shared/types/system';
import type { MountEntry, StatfsLike } from './types';

/**
 * Disk numbers the way `df` computes them: used = blocks − bfree; free = bavail (what a
 * normal user may still write; root's reserve is neither used nor free); usedPercent =
 * used / (used + bavail), so a disk at 100% is one a user can no longer write to.
 * Node exposes f_bsize only, not f_frsize; the two are equal on the file systems Linux
 * and macOS ship.
 */
export function diskUsageFromStatfs(mount: MountEntry, stats: StatfsLike): DiskUsage {
  const usedBytes = Math.max(0, stats.blocks - stats.bfree) * stats.bsize;
  const freeBytes = Math.max(0, stats.bavail) * stats.bsize;
  const userVisible = usedBytes + freeBytes;
  return {
    mount: mount.mount,
    fsType: mount.fsType,
    totalBytes: stats.blocks * stats.bsize,
    freeBytes,
    usedBytes,
    usedPercent: userVisible > 0 ? (usedBytes / userVisible) * 100 : 0,
  };
}
