import { lstat, readdir } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

export interface TreeStats {
  /** Bytes of the regular files under it (links are not followed and count nothing). */
  bytes: number;
  /** The newest access or change of any file or link under it: when it was last used. */
  newestUse: number;
  files: number;
}

/** Sizes and last use of a cache folder, by lstat only (a link is never followed, so nothing outside is counted). */
export async function treeStats(dir: string): Promise<TreeStats> {
  const stats = { bytes: 0, newestUse: 0, files: 0 };
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(current, entry.name);
      const info = await lstat(path);
      // Folders are left out: listing one (this walk does) changes its access time.
      if (info.isDirectory()) pending.push(path);
      else stats.newestUse = Math.max(stats.newestUse, info.atimeMs, info.mtimeMs);
      if (info.isFile()) {
        stats.bytes += info.size;
        stats.files++;
      }
    }
  }
  return stats;
}

export function isInsideDir(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Sizes agree "roughly": a cache that grew or shrank by more than this since the plan is another thing now. */
export function roughlySame(planned: number, now: number): boolean {
  return Math.abs(now - planned) <= Math.max(1_000_000, planned * 0.1);
}
