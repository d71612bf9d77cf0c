/** `22:00` → 1320. */
function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

/**
 * Whether a minute of the day lies in quiet hours from `start` (inclusive) to `end` (exclusive).
 * A window whose end is before its start wraps midnight (22:00–07:00); start = end is empty.
 */
export function inQuietHours(minuteOfDay: number, start: string, end: string): boolean {
  const from = minutesOf(start);
  const to = minutesOf(end);
  if (from === to) return false;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

/** Minutes since local midnight: quiet hours are the operator's wall clock. */
export function localMinuteOfDay(now: number): number {
  const date = new Date(now);
  return date.getHours() * 60 + date.getMinutes();
}
