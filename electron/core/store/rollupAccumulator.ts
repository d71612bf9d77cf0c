import { HOUR_MS, MINUTE_MS } from './bucketPlan';

/** The totals of one rollup bucket, as stored in rollup_1m / rollup_1h. */
export interface BucketTotals {
  seriesId: number;
  bucket: number;
  sum: number;
  count: number;
  min: number;
  max: number;
}

/**
 * Folds one flush's samples into minute buckets, then the minute buckets into hour buckets,
 * so a flush upserts each touched bucket once instead of once per sample. Samples of a
 * series usually arrive in time order, so only the series' current minute is kept open.
 */
export class RollupAccumulator {
  private readonly open = new Map<number, BucketTotals>();
  private readonly closed: BucketTotals[] = [];

  add(seriesId: number, ts: number, value: number): void {
    const bucket = ts - (ts % MINUTE_MS);
    const current = this.open.get(seriesId);
    if (current && current.bucket === bucket) {
      current.sum += value;
      current.count += 1;
      if (value < current.min) current.min = value;
      if (value > current.max) current.max = value;
      return;
    }
    if (current) this.closed.push(current);
    this.open.set(seriesId, { seriesId, bucket, sum: value, count: 1, min: value, max: value });
  }

  /** Minute totals (a bucket may appear twice if samples came out of order: upserts add up) and hour totals. */
  drain(): { minutes: BucketTotals[]; hours: BucketTotals[] } {
    const minutes = [...this.closed, ...this.open.values()];
    this.closed.length = 0;
    this.open.clear();
    const hours = new Map<string, BucketTotals>();
    for (const m of minutes) {
      const bucket = m.bucket - (m.bucket % HOUR_MS);
      const key = `${m.seriesId}:${bucket}`;
      const hour = hours.get(key);
      if (!hour) {
        hours.set(key, { ...m, bucket });
        continue;
      }
      hour.sum += m.sum;
      hour.count += m.count;
      hour.min = Math.min(hour.min, m.min);
      hour.max = Math.max(hour.max, m.max);
    }
    return { minutes, hours: [...hours.values()] };
  }
}
