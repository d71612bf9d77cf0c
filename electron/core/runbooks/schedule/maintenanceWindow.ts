import type { MaintenanceWindowView } from '../../../../shared/types/runbooks';
import { MINUTE_MS, compileCron, nextMatch, previousMatch, type CronMatcher } from './cronMatcher';

/** How far ahead the next window is looked for (a monthly window is found). */
export const MAINTENANCE_LOOKAHEAD_MS = 32 * 24 * 60 * MINUTE_MS;

/**
 * The maintenance window at `now`: open for `minutes` from each minute the cron matches
 * (`0 2 * * 0`, 180 → Sunday 02:00 to 04:59). Overlapping windows end with the last one.
 */
export function maintenanceWindow(cron: string | CronMatcher, minutes: number, now: number, timezone?: string): MaintenanceWindowView {
  const matcher = typeof cron === 'string' ? compileCron(cron, timezone) : cron;
  const opened = previousMatch(matcher, now, (minutes - 1) * MINUTE_MS);
  const nextStartAt = nextMatch(matcher, now, MAINTENANCE_LOOKAHEAD_MS);
  const end = opened === null ? null : opened + minutes * MINUTE_MS;
  return {
    active: end !== null && now < end,
    until: end ?? nextStartAt,
    nextStartAt,
    cron: matcher.expression,
    minutes,
  };
}
