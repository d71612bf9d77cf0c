import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../../logger';

/**
 * What the scheduler remembers across restarts: the last minute it checked, so runs due while
 * Opsbar was not running (or the machine slept) are found and reported.
 */
export interface ScheduleState {
  lastChecked(): number | null;
  setLastChecked(minuteMs: number): void;
}

export const SCHEDULE_STATE_FILE_NAME = 'schedule-state.json';

export function scheduleStatePathIn(dataDir: string): string {
  return join(dataDir, SCHEDULE_STATE_FILE_NAME);
}

/** The state in a small JSON file, written whole (temp file, then rename) once a minute. */
export class ScheduleStateFile implements ScheduleState {
  private cached: number | null | undefined;
  private writeFailed = false;

  constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  lastChecked(): number | null {
    if (this.cached === undefined) this.cached = this.read();
    return this.cached;
  }

  setLastChecked(minuteMs: number): void {
    this.cached = minuteMs;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const temp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ lastCheckedMinute: minuteMs })}\n`, { mode: 0o600 });
      renameSync(temp, this.path);
      this.writeFailed = false;
    } catch (error) {
      // Said once, not every minute: missed-run detection across restarts is what is lost.
      if (!this.writeFailed) this.log.warn(`Cannot save the schedule state to ${this.path}: ${(error as Error).message}`);
      this.writeFailed = true;
    }
  }

  private read(): number | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn(`Cannot read ${this.path}: ${(error as Error).message}`);
      return null;
    }
    try {
      const value = (JSON.parse(text) as { lastCheckedMinute?: unknown }).lastCheckedMinute;
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    } catch {
      // Falls through: a damaged file only costs the missed-run report for this start.
    }
    this.log.warn(`Ignoring ${this.path}: it does not hold a last checked minute.`);
    return null;
  }
}

/** Memory only (tests, or no data directory). */
export class MemoryScheduleState implements ScheduleState {
  constructor(private value: number | null = null) {}
  lastChecked(): number | null {
    return this.value;
  }
  setLastChecked(minuteMs: number): void {
    this.value = minuteMs;
  }
}
