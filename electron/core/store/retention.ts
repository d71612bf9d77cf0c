import type Database from 'better-sqlite3';
import type { Settings } from '../../../shared/config/settingsSchema';
import { DAY_MS, HOUR_MS } from './bucketPlan';

export const DEFAULT_CHUNK_ROWS = 5000;
/** Runs per statement: each takes its attempts (up to 64 KiB of output each) with it. */
const MAX_RUNS_PER_CHUNK = 50;

type ChunkParams = { seriesId: number; cutoff: number; chunk: number };

export interface RetentionReport {
  /** Samples, rollup rows, events, runbook runs and model probes deleted. */
  deletedRows: number;
  /**
   * Rows deleted per table (series: names left without any data, not counted in deletedRows;
   * runbook_runs: ended runs, whose attempts go with them).
   */
  byTable: Record<'samples_raw' | 'rollup_1m' | 'rollup_1h' | 'events' | 'runbook_runs' | 'model_probes' | 'series', number>;
  /** DELETE statements run, each its own short transaction. */
  statements: number;
}

/**
 * Deletes history older than the retention settings, at most `chunkRows` rows per statement,
 * each in its own transaction: the write lock is held only briefly and the WAL stays small,
 * so it works on a nearly full disk (a delete needs no space beyond the WAL, and freed pages
 * are reused by later writes). Synchronous: the caller runs it between flushes. Runbook runs
 * that ended more than `eventDays` ago go like events; unfinished ones stay. Model probes are
 * kept as long as the hourly rollups (`hourDays`, a year by default): both are the long view of a
 * figure, and a probe every 30 minutes is a row per model per half hour. Audit entries are never deleted.
 */
export class RetentionRunner {
  private readonly seriesIds: Database.Statement<[], { id: number }>;
  private readonly deleteSeriesChunk: Record<'samples_raw' | 'rollup_1m' | 'rollup_1h', Database.Statement<ChunkParams>>;
  private readonly deleteEventsChunk: Database.Statement<[number, number]>;
  private readonly deleteRunsChunk: Database.Statement<[number, number]>;
  private readonly deleteEmptySeries: Database.Statement<[]>;
  private readonly deleteProbesChunk: Database.Statement<[number, number]>;

  constructor(db: Database.Database) {
    this.seriesIds = db.prepare('SELECT id FROM series ORDER BY id');
    // Each chunk is a range scan at the start of one series' rows (primary key order).
    const perSeries = (table: string, time: string) =>
      db.prepare<ChunkParams>(
        `DELETE FROM ${table} WHERE series_id = @seriesId AND ${time} IN
           (SELECT ${time} FROM ${table} WHERE series_id = @seriesId AND ${time} < @cutoff ORDER BY ${time} LIMIT @chunk)`,
      );
    this.deleteSeriesChunk = {
      samples_raw: perSeries('samples_raw', 'ts'),
      rollup_1m: perSeries('rollup_1m', 'bucket'),
      rollup_1h: perSeries('rollup_1h', 'bucket'),
    };
    this.deleteEventsChunk = db.prepare('DELETE FROM events WHERE id IN (SELECT id FROM events WHERE at < ? ORDER BY at LIMIT ?)');
    // runbook_steps rows follow through ON DELETE CASCADE (foreign keys are on).
    this.deleteRunsChunk = db.prepare(
      'DELETE FROM runbook_runs WHERE id IN (SELECT id FROM runbook_runs WHERE ended_at < ? ORDER BY ended_at LIMIT ?)',
    );
    this.deleteProbesChunk = db.prepare('DELETE FROM model_probes WHERE id IN (SELECT id FROM model_probes WHERE at < ? ORDER BY at LIMIT ?)');
    this.deleteEmptySeries = db.prepare(`
      DELETE FROM series WHERE
        NOT EXISTS (SELECT 1 FROM samples_raw WHERE series_id = series.id) AND
        NOT EXISTS (SELECT 1 FROM rollup_1m WHERE series_id = series.id) AND
        NOT EXISTS (SELECT 1 FROM rollup_1h WHERE series_id = series.id)`);
  }

  run(retention: Settings['retention'], now: number, chunkRows = DEFAULT_CHUNK_ROWS): RetentionReport {
    const chunk = Math.max(1, Math.floor(chunkRows));
    const report: RetentionReport = {
      deletedRows: 0,
      byTable: { samples_raw: 0, rollup_1m: 0, rollup_1h: 0, events: 0, runbook_runs: 0, model_probes: 0, series: 0 },
      statements: 0,
    };
    const cutoffs = {
      samples_raw: now - retention.rawHours * HOUR_MS,
      rollup_1m: now - retention.minuteDays * DAY_MS,
      rollup_1h: now - retention.hourDays * DAY_MS,
    } as const;
    const drain = (table: keyof RetentionReport['byTable'], deleteChunk: () => number, size = chunk) => {
      for (;;) {
        const deleted = deleteChunk();
        report.statements++;
        report.byTable[table] += deleted;
        report.deletedRows += deleted;
        if (deleted < size) return;
      }
    };
    for (const { id } of this.seriesIds.all()) {
      for (const table of ['samples_raw', 'rollup_1m', 'rollup_1h'] as const) {
        drain(table, () => this.deleteSeriesChunk[table].run({ seriesId: id, cutoff: cutoffs[table], chunk }).changes);
      }
    }
    drain('events', () => this.deleteEventsChunk.run(now - retention.eventDays * DAY_MS, chunk).changes);
    const runChunk = Math.min(chunk, MAX_RUNS_PER_CHUNK);
    drain('runbook_runs', () => this.deleteRunsChunk.run(now - retention.eventDays * DAY_MS, runChunk).changes, runChunk);
    drain('model_probes', () => this.deleteProbesChunk.run(cutoffs.rollup_1h, chunk).changes);
    const emptied = this.deleteEmptySeries.run().changes;
    report.statements++;
    report.byTable.series = emptied;
    return report;
  }
}
