import type Database from 'better-sqlite3';
import type { Settings } from '../../../shared/config/settingsSchema';
import type { HistoryPoint, HistoryResult, Resolution } from '../../../shared/types/history';
import { chooseResolution, DAY_MS, HOUR_MS, planBuckets, type BucketPlan } from './bucketPlan';
import type { SeriesRegistry } from './seriesRegistry';

type Retention = Settings['retention'];
type GroupParams = BucketPlan & { seriesId: number };

const MAX_POINTS_LIMIT = 100_000;

// Groups rows into epoch-aligned buckets. `%` works on integers in SQLite, which times are.
const GROUP = (time: string) => `@origin + ((${time} - @origin) - ((${time} - @origin) % @width))`;

/** Chart queries: picks a table (see chooseResolution) and groups it into at most maxPoints points. */
export class HistoryQueries {
  private readonly grouped: Record<Resolution, Database.Statement<GroupParams, HistoryPoint>>;
  private readonly countRaw: Database.Statement<[number, number, number, number], { n: number }>;

  constructor(
    db: Database.Database,
    private readonly series: SeriesRegistry,
  ) {
    const rollup = (table: string) =>
      db.prepare<GroupParams, HistoryPoint>(
        `SELECT ${GROUP('bucket')} AS t, SUM(sum) / SUM(count) AS avg, MIN(min) AS min, MAX(max) AS max
         FROM ${table} WHERE series_id = @seriesId AND bucket >= @first AND bucket <= @to GROUP BY t ORDER BY t`,
      );
    this.grouped = {
      raw: db.prepare<GroupParams, HistoryPoint>(
        `SELECT ${GROUP('ts')} AS t, AVG(value) AS avg, MIN(value) AS min, MAX(value) AS max
         FROM samples_raw WHERE series_id = @seriesId AND ts >= @first AND ts <= @to GROUP BY t ORDER BY t`,
      ),
      '1m': rollup('rollup_1m'),
      '1h': rollup('rollup_1h'),
    };
    this.countRaw = db.prepare(
      'SELECT count(*) AS n FROM (SELECT 1 FROM samples_raw WHERE series_id = ? AND ts >= ? AND ts <= ? LIMIT ?)',
    );
  }

  /** History of one series between from and to (inclusive, ms). Unknown series: no points. */
  query(name: string, from: number, to: number, maxPoints: number, now: number, retention: Retention): HistoryResult {
    const points = clampPoints(maxPoints);
    const seriesId = this.series.idOf(name);
    const resolution = chooseResolution({
      from,
      to,
      maxPoints: points,
      rawHorizon: now - retention.rawHours * HOUR_MS,
      minuteHorizon: now - retention.minuteDays * DAY_MS,
      countRawRows: (cap) => (seriesId === undefined ? 0 : this.countRaw.get(seriesId, from, to, cap)!.n),
    });
    if (seriesId === undefined || !(to >= from)) return { series: name, resolution, points: [] };
    return { series: name, resolution, points: this.queryAt(seriesId, resolution, from, to, points) };
  }

  /** The same grouping from a given table (the benchmark compares tables with it). */
  queryAt(seriesId: number, resolution: Resolution, from: number, to: number, maxPoints: number): HistoryPoint[] {
    const plan = planBuckets(resolution, from, to, clampPoints(maxPoints));
    return this.grouped[resolution].all({ ...plan, seriesId });
  }
}

function clampPoints(maxPoints: number): number {
  return Number.isFinite(maxPoints) ? Math.min(MAX_POINTS_LIMIT, Math.max(1, Math.floor(maxPoints))) : 1;
}
