import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The few /proc facts a GPU process needs: owner, start time, cgroup. The files are tiny and
 * reads are synchronous (an async read of /proc costs ~1 ms each, a sync one microseconds),
 * and bounded, so a strange file cannot make Opsbar read without end.
 */

/** The file's text (at most `maxBytes`), or null when it is not there (the process ended). */
export function readSmallFile(path: string, maxBytes = 64 * 1024): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(maxBytes);
    let used = 0;
    // /proc files report size 0: read until EOF or the bound.
    while (used < maxBytes) {
      const n = readSync(fd, buffer, used, maxBytes - used, null);
      if (n === 0) break;
      used += n;
    }
    return buffer.subarray(0, used).toString('utf8');
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The real uid from `/proc/<pid>/status` (`Uid:\treal\teffective\tsaved\tfs`). */
export function parseStatusUid(text: string): number | null {
  const match = /^Uid:\s+(\d+)/m.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * Field 22 of `/proc/<pid>/stat`, starttime, in clock ticks since boot. Field 2 (comm) is the
 * process name in parentheses and may itself hold spaces and `)`: fields are counted after
 * the LAST `)`, where field 3 begins.
 */
export function parseStatStartTicks(text: string): number | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const fields = text.slice(close + 1).trim().split(/\s+/);
  const value = fields[22 - 3];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** `btime` of /proc/stat: the boot time in seconds since the epoch. */
export function parseBootTime(text: string): number | null {
  const match = /^btime\s+(\d+)/m.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * USER_HZ, the unit of /proc/<pid>/stat times. It is 100 on every Linux architecture Opsbar
 * runs on (the kernel fixes it for user space regardless of CONFIG_HZ), and reading it would
 * mean spawning `getconf CLK_TCK`.
 */
export const CLK_TCK = 100;

/** Start time in ms since the epoch from starttime ticks and btime. */
export function startedAtMs(startTicks: number, bootTimeSec: number): number {
  return bootTimeSec * 1000 + Math.round((startTicks * 1000) / CLK_TCK);
}
