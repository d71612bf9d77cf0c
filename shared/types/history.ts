export type Resolution = 'raw' | '1m' | '1h';

/** One point of a history series: bucket start (ms) and the average, min and max in it. */
export interface HistoryPoint {
  t: number;
  avg: number;
  min: number;
  max: number;
}

export interface HistoryResult {
  series: string;
  resolution: Resolution;
  points: HistoryPoint[];
}
