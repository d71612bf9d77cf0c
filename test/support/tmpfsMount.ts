import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/**
 * A real small tmpfs, for tests of a full or read-only data directory. Tests run as root, for
 * whom chmod makes nothing read-only and quotas do not bind: a file system of its own is the
 * honest way. Every mount is unmounted when the test file ends, whatever happened.
 */
export interface TmpfsMount {
  dir: string;
  /** Fills what is left with one file (`filler`); returns its path. */
  fill(): string;
  remount(mode: 'ro' | 'rw'): void;
}

const mounted: string[] = [];

after(() => {
  for (const dir of mounted.splice(0)) {
    // Lazy: a process the test left running must not keep the mount (and the next run's tmp) busy.
    execFileSync('umount', ['-l', dir]);
    rmdirSync(dir);
  }
});

/** Mounts a tmpfs of `sizeKb` on a fresh folder; `readOnly` mounts it read-only from the start. */
export function mountTmpfs(options: { sizeKb?: number; readOnly?: boolean } = {}): TmpfsMount {
  const dir = mkdtempSync(join(tmpdir(), 'opsbar-tmpfs-'));
  const flags = [`size=${options.sizeKb ?? 1024}k`, ...(options.readOnly ? ['ro'] : [])].join(',');
  execFileSync('mount', ['-t', 'tmpfs', '-o', flags, 'tmpfs', dir]);
  mounted.push(dir);
  return {
    dir,
    fill() {
      // Pages first, then single bytes: no room is left for even one byte.
      const filler = join(dir, 'filler');
      const fd = openSync(filler, 'a');
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
      return filler;
    },
    remount(mode) {
      execFileSync('mount', ['-o', `remount,${mode}`, dir]);
    },
  };
}
