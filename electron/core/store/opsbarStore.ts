import type Database from 'better-sqlite3';
import type { Settings } from '../../../shared/config/settingsSchema';
import { retentionSchema } from '../../../shared/config/settingsSchema';
import type { NewOpsEvent, OpsEvent } from '../../../shared/types/events';
import type { HistoryResult } from '../../../shared/types/history';
import type { RunDetail, RunSummary, StepAttempt } from '../../../shared/types/runbooks';
import type { Sample } from '../monitors/collector';
import { AuditLog, type AuditEntry } from './auditLog';
import { EventLog } from './eventLog';
import { HistoryQueries } from './historyQueries';
import { openDatabase, type StoreOpenNotice } from './openDatabase';
import { RetentionRunner } from './retention';
import { RunbookRunLog, type NewRun, type RunQuery, type RunUpdate } from './runbookRunLog';
import { SampleWriter, type StoreHealth } from './sampleWriter';
import { SeriesRegistry } from './seriesRegistry';

export type { AuditEntry } from './auditLog';
export type { StoreOpenNotice } from './openDatabase';
export type { NewRun, RunQuery, RunUpdate } from './runbookRunLog';
export type { StoreHealth } from './sampleWriter';
export { StoreVersionError } from './storeErrors';

export interface OpsbarStoreOptions {
  now?: () => number;
  /** How often buffered samples are written (ms). */
  flushIntervalMs?: number;
  /** Samples kept in memory while the disk cannot be written. */
  maxBufferedSamples?: number;
  /** Path of a better-sqlite3 binary built for Electron's ABI. */
  nativeBinding?: string;
}

/**
 * Samples are written every 10 s: one fsync'd transaction per Docker interval instead of one per
 * system sample (2 s), which cuts the store's CPU from ~25 to ~10 ms and its event-loop stalls
 * from ~150 to ~55 ms a minute (bench/store-flush-bench.ts). A crash loses at most the last 10 s
 * of samples, never an acknowledged write; close() flushes them.
 */
const DEFAULT_FLUSH_INTERVAL_MS = 10_000;
const DEFAULT_MAX_BUFFERED_SAMPLES = 100_000;
const FLUSH_THRESHOLD = 5000;

/**
 * All of Opsbar's history in one SQLite file: samples (raw + minute/hour rollups), events,
 * runbook runs and the audit trail. Samples are buffered and written in batches (every 10 s, on
 * close, or when 5000 are waiting); events, runs and audit entries are written at once. Every
 * acknowledged write is durable, power loss included (WAL, synchronous=FULL).
 */
export class OpsbarStore {
  private readonly writer: SampleWriter;
  private readonly queries: HistoryQueries;
  private readonly events: EventLog;
  private readonly audit: AuditLog;
  private readonly runs: RunbookRunLog;
  private readonly retention: RetentionRunner;
  private readonly series: SeriesRegistry;
  private readonly timer: NodeJS.Timeout;
  /** Chart queries need to know what each table still holds: the last retention applied, else the defaults. */
  private retentionSettings: Settings['retention'] = retentionSchema.parse({});
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
    flushIntervalMs: number,
    maxBufferedSamples: number,
  ) {
    this.series = new SeriesRegistry(db);
    this.writer = new SampleWriter(db, this.series, { maxBufferedSamples, flushThreshold: FLUSH_THRESHOLD });
    this.queries = new HistoryQueries(db, this.series);
    this.events = new EventLog(db);
    this.audit = new AuditLog(db);
    this.runs = new RunbookRunLog(db);
    this.retention = new RetentionRunner(db);
    this.timer = setInterval(() => this.writer.tryFlush(), flushIntervalMs);
    this.timer.unref();
  }

  /**
   * Opens or creates the database (and its folder). A damaged file is moved aside and the
   * notice says so; a file from a newer Opsbar throws StoreVersionError.
   */
  static open(file: string, options: OpsbarStoreOptions = {}): { store: OpsbarStore; notice: StoreOpenNotice } {
    const now = options.now ?? Date.now;
    const { db, notice } = openDatabase(file, { now, nativeBinding: options.nativeBinding });
    const store = new OpsbarStore(
      db,
      now,
      options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS,
      options.maxBufferedSamples ?? DEFAULT_MAX_BUFFERED_SAMPLES,
    );
    return { store, notice };
  }

  /** Buffers samples; never throws. */
  writeSamples(samples: Sample[]): void {
    this.writer.write(samples);
  }

  /** Writes buffered samples; when it returns they are durable. Throws if they could not be written (they stay buffered). */
  flush(): void {
    this.writer.flush();
  }

  query(series: string, from: number, to: number, maxPoints: number): HistoryResult {
    return this.queries.query(series, from, to, maxPoints, this.now(), this.retentionSettings);
  }

  listSeries(prefix: string): string[] {
    return this.series.list(prefix);
  }

  /** Writes the event at once (durable on return). */
  addEvent(event: NewOpsEvent): OpsEvent {
    return this.events.add(event);
  }

  /** Newest first. */
  listEvents(query: { limit: number; beforeId?: number; subject?: string }): OpsEvent[] {
    return this.events.list(query);
  }

  addAudit(entry: AuditEntry): number {
    return this.audit.add(entry);
  }

  listAudit(limit: number): (AuditEntry & { id: number })[] {
    return this.audit.list(limit);
  }

  /** Records a new runbook run (durable on return); returns it with its id. */
  createRun(run: NewRun): RunDetail {
    return this.runs.create(run);
  }

  updateRun(id: number, update: RunUpdate): void {
    this.runs.update(id, update);
  }

  /** Records one attempt at a step; `attempt.attempt` numbers it within the run (1, 2, 3…). */
  addAttempt(runId: number, attempt: StepAttempt): void {
    this.runs.addAttempt(runId, attempt);
  }

  updateAttempt(runId: number, attempt: StepAttempt): void {
    this.runs.updateAttempt(runId, attempt);
  }

  getRun(id: number): RunDetail | undefined {
    return this.runs.get(id);
  }

  /** Newest first. */
  listRuns(query: RunQuery): RunSummary[] {
    return this.runs.list(query);
  }

  /** Runs left running or waiting when Opsbar stopped become interrupted (resumable); returns their ids. */
  markUnfinishedRunsInterrupted(now: number): number[] {
    return this.runs.markUnfinishedInterrupted(now);
  }

  runRetention(retention: Settings['retention'], now: number, options: { chunkRows?: number } = {}): { deletedRows: number } {
    this.retentionSettings = { ...retention };
    const report = this.retention.run(retention, now, options.chunkRows);
    // Series rows may be gone: cached ids would break the next flush.
    if (report.byTable.series > 0) this.series.forget();
    return { deletedRows: report.deletedRows };
  }

  health(): StoreHealth {
    return this.writer.health();
  }

  /** Flushes what it can, then closes. Never throws for a failed final flush: health() already said history was not being saved. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.writer.tryFlush();
    this.db.close();
  }
}
