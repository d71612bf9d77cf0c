import type { DiskGrowth } from '../../../../shared/types/actions';
import type { HistoryPoint } from '../../../../shared/types/history';
import type { OpsbarStore } from '../../store/opsbarStore';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** At least this much history before a rate is told: a few minutes of samples say nothing about a day. */
export const MIN_BASIS_MS = HOUR_MS;
/** The window the rate is fitted over. */
export const GROWTH_WINDOW_MS = DAY_MS;
/** The system collector's series of a mount's free bytes: `disk.freeBytes:<mount>`. */
const SERIES_PREFIX = 'disk.freeBytes:';

/** Least-squares slope (value per ms) of the points' averages; null with fewer than two distinct times. */
export function leastSquaresSlope(points: readonly HistoryPoint[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  const meanT = points.reduce((s, p) => s + p.t, 0) / n;
  const meanV = points.reduce((s, p) => s + p.avg, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - meanT) * (p.avg - meanV);
    den += (p.t - meanT) ** 2;
  }
  return den === 0 ? null : num / den;
}

/** The rate at which one mount's free space shrinks, from its stored history. */
export function growthFromPoints(mount: string, points: readonly HistoryPoint[]): DiskGrowth {
  const last = points.at(-1);
  const span = points.length > 1 ? points[points.length - 1].t - points[0].t : 0;
  const base = { mount, freeBytes: last ? last.avg : null, basisHours: Math.round((span / HOUR_MS) * 10) / 10 };
  const slope = span >= MIN_BASIS_MS ? leastSquaresSlope(points) : null;
  if (slope === null) return { ...base, bytesPerDay: null, daysUntilFull: null };
  const bytesPerDay = -slope * DAY_MS;
  const daysUntilFull = bytesPerDay > 0 && last ? Math.max(0, last.avg) / bytesPerDay : null;
  return { ...base, bytesPerDay, daysUntilFull };
}

/** Days until full for every mount the system collector records, over the last 24 h. */
export function readDiskGrowth(store: OpsbarStore, now: number): DiskGrowth[] {
  return store
    .listSeries(SERIES_PREFIX)
    .filter((series) => series.startsWith(SERIES_PREFIX))
    .map((series) => growthFromPoints(series.slice(SERIES_PREFIX.length), store.query(series, now - GROWTH_WINDOW_MS, now, 500).points));
}
