import type { Resolution } from '../../../shared/types/history';

/** How a chart query is answered: which table, and how its rows are grouped. Pure functions. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Width of one stored row at each resolution (raw: 1 ms, i.e. whatever the sample times are). */
export const RESOLUTION_MS: Record<Resolution, number> = { raw: 1, '1m': MINUTE_MS, '1h': HOUR_MS };

/** A rollup "gives enough detail" when it has at least this share of the points asked for. */
const ENOUGH_DETAIL_SHARE = 0.5;
/** Raw rows are only read when there are at most this many per point asked for ("≤ maxPoints-ish"). */
export const RAW_ROWS_PER_POINT = 20;

export interface ResolutionInputs {
  from: number;
  to: number;
  maxPoints: number;
  /** Oldest time each table still holds (now minus its retention). */
  rawHorizon: number;
  minuteHorizon: number;
  /** Raw rows in [from, to], counted at most up to `cap` (only asked for when raw is a candidate). */
  countRawRows: (cap: number) => number;
}

/**
 * The coarsest table that still gives enough detail: hourly rollups when the range holds at
 * least about maxPoints/2 hours (or is older than the minute rollups keep); minute rollups
 * likewise; raw rows only for short ranges within raw retention, and only when there are at
 * most RAW_ROWS_PER_POINT × maxPoints of them.
 */
export function chooseResolution(input: ResolutionInputs): Resolution {
  const span = input.to - input.from;
  const wanted = input.maxPoints * ENOUGH_DETAIL_SHARE;
  if (span / HOUR_MS >= wanted || input.from < input.minuteHorizon) return '1h';
  if (span / MINUTE_MS >= wanted || input.from < input.rawHorizon) return '1m';
  const cap = input.maxPoints * RAW_ROWS_PER_POINT;
  return input.countRawRows(cap + 1) > cap ? '1m' : 'raw';
}

export interface BucketPlan {
  /** Rows with time (ts or bucket start) in [first, to] are read. */
  first: number;
  to: number;
  /** Group of a row = origin + floor((time − origin) / width) × width. */
  origin: number;
  width: number;
}

/**
 * Groups for at most maxPoints points. Groups are aligned to the epoch (origin 0) so a chart
 * that slides forward keeps its buckets stable; the width is a whole number of table rows.
 */
export function planBuckets(resolution: Resolution, from: number, to: number, maxPoints: number): BucketPlan {
  const res = RESOLUTION_MS[resolution];
  const first = from - (from % res);
  const span = to - first;
  if (maxPoints <= 1) return { first, to, origin: first, width: roundUp(span + 1, res) };
  // floor(to/w) − floor(first/w) + 1 ≤ span/w + 1 ≤ maxPoints  ⇐  w ≥ span / (maxPoints − 1)
  const width = roundUp(Math.max(1, Math.ceil(span / (maxPoints - 1))), res);
  return { first, to, origin: 0, width };
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}
