import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real tmpfs of `size` (root only) that the test fills with `fill()`; `unmount()` belongs in teardown. */
export interface SmallDisk {
  dir: string;
  fill(): void;
  unmount(): void;
}

/** Why a small tmpfs cannot be mounted here (not root, no mount), or null when it can. */
export function smallDiskUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  try {
    const disk = mountSmallDisk();
    disk.unmount();
    return null;
  } catch (error) {
    return `cannot mount a tmpfs: ${(error as Error).message.split('\n')[0]}`;
  }
}

export function mountSmallDisk(size = '64k'): SmallDisk {
  // Not tempDir(): its cleanup may run before ours, and a mounted folder cannot be removed.
  const dir = mkdtempSync(join(tmpdir(), 'opsbar-fulldisk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  let mounted = true;
  return {
    dir,
    fill() {
      // Pages first, then single bytes: no room is left for even one byte.
      const fd = openSync(join(dir, 'filler'), 'a');
      try {
        for (const chunk of [Buffer.alloc(4096), Buffer.alloc(1)]) {
          try {
            for (;;) writeSync(fd, chunk);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    unmount() {
      if (mounted) execFileSync('umount', [dir]);
      mounted = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
