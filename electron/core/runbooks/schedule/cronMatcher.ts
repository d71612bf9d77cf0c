import { createTask, parse } from 'node-cron';

export const MINUTE_MS = 60_000;

export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * One cron expression, read by node-cron, asked about whole minutes. Opsbar checks schedules
 * once a minute: a minute matches when the expression matches at its first allowed second
 * (so `30 0 8 * * *` is the 08:00 minute; further seconds are not separate runs).
 */
export interface CronMatcher {
  readonly expression: string;
  /** The minute starting at `minuteMs` (a minute boundary) matches. */
  matches(minuteMs: number): boolean;
}

/** Throws an Error in node-cron's words when the expression or the time zone is invalid. */
export function compileCron(expression: string, timezone?: string): CronMatcher {
  const fields = parse(expression);
  // Checked first: with an unknown zone node-cron's destroy() throws and its registry keeps the task.
  if (timezone !== undefined) new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  // A task gives us node-cron's own matcher (L, 1#2, names, time zones). It is created, never
  // started (no timer), and destroyed at once so node-cron's global registry does not keep it;
  // match() only reads the parsed expression.
  const task = createTask(expression, () => undefined, timezone === undefined ? undefined : { timezone });
  const match = task.match.bind(task);
  void task.destroy();
  const firstSecond = Math.min(...(fields.second as number[]));
  const minutes = new Set(fields.minute);
  const hours = new Set(fields.hour);
  // A cheap check of minute and hour first: a week of minutes is 10,080 questions, and
  // node-cron formats each date with Intl. Only where the local fields are cheap to read.
  const local = timezone === undefined ? 'process' : /^(Etc\/)?UTC$/i.test(timezone) ? 'utc' : null;
  const matcher: CronMatcher = {
    expression,
    matches(minuteMs) {
      if (local !== null) {
        const date = new Date(minuteMs);
        const [minute, hour] = local === 'utc' ? [date.getUTCMinutes(), date.getUTCHours()] : [date.getMinutes(), date.getHours()];
        if (!minutes.has(minute) || !hours.has(hour)) return false;
      }
      return match(new Date(minuteMs + firstSecond * 1000));
    },
  };
  return matcher;
}

/** The first matching minute after `afterMs`, looking at most `withinMs` ahead; null if none. */
export function nextMatch(matcher: CronMatcher, afterMs: number, withinMs: number): number | null {
  const last = afterMs + withinMs;
  for (let minute = floorToMinute(afterMs) + MINUTE_MS; minute <= last; minute += MINUTE_MS) {
    if (matcher.matches(minute)) return minute;
  }
  return null;
}

/** The latest matching minute at or before `atMs`, looking at most `withinMs` back; null if none. */
export function previousMatch(matcher: CronMatcher, atMs: number, withinMs: number): number | null {
  const first = floorToMinute(atMs) - withinMs;
  for (let minute = floorToMinute(atMs); minute >= first; minute -= MINUTE_MS) {
    if (matcher.matches(minute)) return minute;
  }
  return null;
}

/** Matching minutes from `fromMs` to `toMs`, both minute boundaries, both included. */
export function matchesBetween(matcher: CronMatcher, fromMs: number, toMs: number): number[] {
  const found: number[] = [];
  for (let minute = floorToMinute(fromMs); minute <= toMs; minute += MINUTE_MS) {
    if (matcher.matches(minute)) found.push(minute);
  }
  return found;
}
