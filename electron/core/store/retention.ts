import type Database from 'better-sqlite3';
import type { Settings } from '../../../shared/config/settingsSchema';
import { DAY_MS, HOUR_MS } from './bucketPlan';

export const DEFAULT_CHUNK_ROWS = 5000;
/** `PRAGMA auto_vacuum` of a file that gives pages back on `incremental_vacuum`. */
const INCREMENTAL = 2;
/** Runs per statement: each takes its attempts (up to 64 KiB of output each) with it. */
const MAX_RUNS_PER_CHUNK = 50;

type ChunkParams = { seriesId: number; cutoff: number; chunk: number };

export interface RetentionReport {
  /** Samples, rollup rows, events, runbook runs, model probes, audit rows, incidents and notifications deleted. */
  deletedRows: number;
  /**
   * Rows deleted per table (series: names left without any data, not counted in deletedRows;
   * runbook_runs: ended runs, whose attempts go with them; incidents: resolved ones, whose alerts and
   * timeline go with them).
   */
  byTable: Record<RetainedTable, number>;
  /** DELETE statements run, each its own short transaction. */
  statements: number;
  /** Pages given back to the file system by incremental vacuum after the deletes. */
  vacuumedPages: number;
}

type RetainedTable =
  | 'samples_raw'
  | 'rollup_1m'
  | 'rollup_1h'
  | 'events'
  | 'runbook_runs'
  | 'model_probes'
  | 'series'
  | 'audit'
  | 'incidents'
  | 'notifications'
  | 'notification_deliveries'
  | 'action_plans';

/** Incidents per statement: each takes up to ~1,000 timeline rows with it. */
const MAX_INCIDENTS_PER_CHUNK = 50;
/** Pages one incremental vacuum step moves (16 MiB at 4 KiB pages): the WAL stays as small as journal_size_limit allows between steps. */
const VACUUM_STEP_PAGES = 4096;

/**
 * Deletes history older than the retention settings, at most `chunkRows` rows per statement,
 * each in its own transaction: the write lock is held only briefly and the WAL stays small,
 * so it works on a nearly full disk (a delete needs no space beyond the WAL, and freed pages
 * are reused by later writes). Synchronous: the caller runs it between flushes. Runbook runs
 * that ended more than `eventDays` ago go like events; unfinished ones stay. Model probes are
 * kept as long as the hourly rollups (`hourDays`, a year by default): both are the long view of a
 * figure, and a probe every 30 minutes is a row per model per half hour. Audit rows go after
 * `auditDays`, resolved incidents (alerts and timeline by cascade) after `incidentDays`, and
 * notifications with their deliveries after `eventDays`; emergency plans that ran (runs and items
 * by cascade) after `auditDays`, never while running, and plans never executed after `eventDays`. When rows went, free pages are handed
 * back with `PRAGMA incremental_vacuum` (the file is `auto_vacuum = INCREMENTAL`, see openDatabase).
 */
export class RetentionRunner {
  private readonly seriesIds: Database.Statement<[], { id: number }>;
  private readonly deleteSeriesChunk: Record<'samples_raw' | 'rollup_1m' | 'rollup_1h', Database.Statement<ChunkParams>>;
  private readonly deleteEventsChunk: Database.Statement<[number, number]>;
  private readonly deleteRunsChunk: Database.Statement<[number, number]>;
  private readonly deleteEmptySeries: Database.Statement<[]>;
  private readonly deleteProbesChunk: Database.Statement<[number, number]>;
  private readonly deleteAuditChunk: Database.Statement<[number, number]>;
  private readonly deleteIncidentsChunk: Database.Statement<[number, number]>;
  private readonly deleteNotificationsChunk: Database.Statement<[number, number]>;
  private readonly deleteDeliveriesChunk: Database.Statement<[number, number]>;
  private readonly deleteRunPlansChunk: Database.Statement<[number, number]>;
  private readonly deleteUnrunPlansChunk: Database.Statement<[number, number]>;

  constructor(private readonly db: Database.Database) {
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
    // action_runs and action_items follow through ON DELETE CASCADE; a run still going is never deleted.
    this.deleteRunPlansChunk = db.prepare(
      "DELETE FROM action_plans WHERE id IN (SELECT p.id FROM action_plans p JOIN action_runs r ON r.plan_id = p.id WHERE r.state <> 'running' AND p.created_at < ? ORDER BY p.created_at LIMIT ?)",
    );
    this.deleteUnrunPlansChunk = db.prepare(
      'DELETE FROM action_plans WHERE id IN (SELECT p.id FROM action_plans p WHERE p.created_at < ? AND NOT EXISTS (SELECT 1 FROM action_runs r WHERE r.plan_id = p.id) ORDER BY p.created_at LIMIT ?)',
    );
    this.deleteEventsChunk = db.prepare('DELETE FROM events WHERE id IN (SELECT id FROM events WHERE at < ? ORDER BY at LIMIT ?)');
    // runbook_steps rows follow through ON DELETE CASCADE (foreign keys are on).
    this.deleteRunsChunk = db.prepare(
      'DELETE FROM runbook_runs WHERE id IN (SELECT id FROM runbook_runs WHERE ended_at < ? ORDER BY ended_at LIMIT ?)',
    );
    this.deleteProbesChunk = db.prepare('DELETE FROM model_probes WHERE id IN (SELECT id FROM model_probes WHERE at < ? ORDER BY at LIMIT ?)');
    this.deleteAuditChunk = db.prepare('DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < ? ORDER BY at LIMIT ?)');
    // incident_alerts and incident_timeline rows follow through ON DELETE CASCADE.
    this.deleteIncidentsChunk = db.prepare(
      "DELETE FROM incidents WHERE id IN (SELECT id FROM incidents WHERE state = 'resolved' AND resolved_at < ? ORDER BY resolved_at LIMIT ?)",
    );
    this.deleteNotificationsChunk = db.prepare('DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE at < ? ORDER BY at LIMIT ?)');
    this.deleteDeliveriesChunk = db.prepare(
      'DELETE FROM notification_deliveries WHERE id IN (SELECT id FROM notification_deliveries WHERE at < ? ORDER BY at LIMIT ?)',
    );
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
      byTable: {
        samples_raw: 0,
        rollup_1m: 0,
        rollup_1h: 0,
        events: 0,
        runbook_runs: 0,
        model_probes: 0,
        series: 0,
        audit: 0,
        incidents: 0,
        notifications: 0,
        notification_deliveries: 0,
        action_plans: 0,
      },
      statements: 0,
      vacuumedPages: 0,
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
    drain('audit', () => this.deleteAuditChunk.run(now - retention.auditDays * DAY_MS, chunk).changes);
    const incidentChunk = Math.min(chunk, MAX_INCIDENTS_PER_CHUNK);
    drain('incidents', () => this.deleteIncidentsChunk.run(now - retention.incidentDays * DAY_MS, incidentChunk).changes, incidentChunk);
    drain('notifications', () => this.deleteNotificationsChunk.run(now - retention.eventDays * DAY_MS, chunk).changes);
    drain('notification_deliveries', () => this.deleteDeliveriesChunk.run(now - retention.eventDays * DAY_MS, chunk).changes);
    drain('action_plans', () => this.deleteRunPlansChunk.run(now - retention.auditDays * DAY_MS, runChunk).changes, runChunk);
    drain('action_plans', () => this.deleteUnrunPlansChunk.run(now - retention.eventDays * DAY_MS, runChunk).changes, runChunk);
    const emptied = this.deleteEmptySeries.run().changes;
    report.statements++;
    report.byTable.series = emptied;
    if (report.deletedRows > 0 || emptied > 0) report.vacuumedPages = this.vacuum();
    return report;
  }

  /**
   * Hands free pages back to the file system, a step at a time (each its own transaction, so the
   * WAL never holds more than one step). Does nothing for a file that is not incremental (one too
   * big to convert at open): its free pages are reused by later writes instead.
   */
  vacuum(): number {
    if (this.db.pragma('auto_vacuum', { simple: true }) !== INCREMENTAL) return 0;
    let given = 0;
    for (;;) {
      const free = this.db.pragma('freelist_count', { simple: true }) as number;
      if (free === 0) return given;
      this.db.exec(`PRAGMA incremental_vacuum(${VACUUM_STEP_PAGES})`);
      const left = this.db.pragma('freelist_count', { simple: true }) as number;
      given += free - left;
      if (left >= free) return given;
    }
  }
}
