import type Database from 'better-sqlite3';
import type { Settings } from '../../../shared/config/settingsSchema';
import { retentionSchema } from '../../../shared/config/settingsSchema';
import type { NewOpsEvent, OpsEvent } from '../../../shared/types/events';
import type { HistoryResult } from '../../../shared/types/history';
import type { RunDetail, RunSummary, StepAttempt } from '../../../shared/types/runbooks';
import type { Sample } from '../monitors/collector';
import { AlertStateLog } from './alertStateLog';
import { ActionLog } from './actionLog';
import { AuditLog, type AuditEntry } from './auditLog';
import { EventLog } from './eventLog';
import { ModelProbeLog } from './modelProbeLog';
import { HistoryQueries } from './historyQueries';
import { IncidentLog } from './incidentLog';
import { NotificationLog } from './notificationLog';
import { MEMORY_DATABASE, moveHistoryToFile, openHistoryOrMemory, resumeRetryDelayMs, type OpenedHistory } from './historyFallback';
import type { OpenDatabaseOptions, StoreOpenNotice } from './openDatabase';
import { describeOpenFailure } from './openFailure';
import { RetentionRunner } from './retention';
import { RunbookRunLog, type NewRun, type RunQuery, type RunUpdate } from './runbookRunLog';
import { SampleWriter, type StoreHealth } from './sampleWriter';
import { SeriesRegistry } from './seriesRegistry';
import { SnapshotLog } from './snapshotLog';

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
  private db!: Database.Database;
  private writer!: SampleWriter;
  private queries!: HistoryQueries;
  private events!: EventLog;
  private audit!: AuditLog;
  private runs!: RunbookRunLog;
  private probeLog!: ModelProbeLog;
  private alertLog!: AlertStateLog;
  private incidentLog!: IncidentLog;
  private notificationLog!: NotificationLog;
  private actionLog!: ActionLog;
  private snapshotLog!: SnapshotLog;
  private retention!: RetentionRunner;
  private series!: SeriesRegistry;
  private readonly timer: NodeJS.Timeout;
  /** Chart queries need to know what each table still holds: the last retention applied, else the defaults. */
  private retentionSettings: Settings['retention'] = retentionSchema.parse({});
  private closed = false;
  /** Set while history lives in memory because the file cannot be opened; the status line. */
  private openFailure: string | null;
  private failedRetries = 0;
  private nextRetryAt = 0;

  private constructor(
    opened: OpenedHistory,
    private readonly file: string,
    private readonly openOptions: OpenDatabaseOptions,
    private readonly flushIntervalMs: number,
    private readonly maxBufferedSamples: number,
  ) {
    this.bind(opened.db);
    this.openFailure = opened.failure;
    this.nextRetryAt = this.now() + flushIntervalMs;
    this.timer = setInterval(() => this.onTimer(), flushIntervalMs);
    this.timer.unref();
  }

  /**
   * Opens or creates the database (and its folder). A damaged file is moved aside and the
   * notice says so; a file from a newer Opsbar throws StoreVersionError. A file that cannot be
   * opened where it is (disk full, read-only, locked) starts the store in memory: the notice and
   * health() say why, and the timer keeps trying the file (see tryResumeSaving).
   */
  static open(file: string, options: OpsbarStoreOptions = {}): { store: OpsbarStore; notice: StoreOpenNotice } {
    const openOptions: OpenDatabaseOptions = { now: options.now ?? Date.now, nativeBinding: options.nativeBinding };
    const opened = openHistoryOrMemory(file, openOptions);
    const store = new OpsbarStore(
      opened,
      file,
      openOptions,
      options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS,
      options.maxBufferedSamples ?? DEFAULT_MAX_BUFFERED_SAMPLES,
    );
    return { store, notice: opened.notice };
  }

  private now(): number {
    return this.openOptions.now();
  }

  private bind(db: Database.Database): void {
    this.db = db;
    this.series = new SeriesRegistry(db);
    const file = this.file === MEMORY_DATABASE ? undefined : this.file;
    this.writer = new SampleWriter(db, this.series, { maxBufferedSamples: this.maxBufferedSamples, flushThreshold: FLUSH_THRESHOLD, file });
    this.queries = new HistoryQueries(db, this.series);
    this.events = new EventLog(db);
    this.audit = new AuditLog(db);
    this.runs = new RunbookRunLog(db);
    this.probeLog = new ModelProbeLog(db);
    this.alertLog = new AlertStateLog(db);
    this.incidentLog = new IncidentLog(db);
    this.notificationLog = new NotificationLog(db);
    this.actionLog = new ActionLog(db);
    this.snapshotLog = new SnapshotLog(db);
    this.retention = new RetentionRunner(db);
  }

  private onTimer(): void {
    this.writer.tryFlush();
    if (this.openFailure !== null && this.now() >= this.nextRetryAt) this.tryResumeSaving();
  }

  /**
   * While history is in memory: tries the file again and, when it opens, moves what memory holds
   * into it and carries on there. Returns whether history is being saved to the file. A failed
   * try waits longer before the next (see resumeRetryDelayMs):
   * a try is cheap, but a disk that stays full need not be probed every few seconds for hours.
   */
  tryResumeSaving(): boolean {
    if (this.openFailure === null) return true;
    if (this.closed) return false;
    let moved: ReturnType<typeof moveHistoryToFile>;
    try {
      this.writer.tryFlush();
      moved = moveHistoryToFile(this.db, this.file, this.openOptions);
    } catch (error) {
      // Still failing: the line now says the latest reason (a full disk may have become read-only).
      this.openFailure = describeOpenFailure(error, this.file);
      moved = null;
    }
    if (!moved) {
      this.failedRetries++;
      this.nextRetryAt = this.now() + resumeRetryDelayMs(this.failedRetries, this.flushIntervalMs);
      return false;
    }
    const memory = this.db;
    const pending = this.writer.takePending();
    this.bind(moved.db);
    this.writer.write(pending);
    memory.close();
    this.openFailure = null;
    this.failedRetries = 0;
    return true;
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

  /** Model probes that measured something (the database may change when memory history moves to the file: read this each time). */
  get probes(): ModelProbeLog {
    return this.probeLog;
  }

  /** Alert states and silences (read through this getter each time, like `probes`). */
  get alerts(): AlertStateLog {
    return this.alertLog;
  }

  get incidents(): IncidentLog {
    return this.incidentLog;
  }

  get notifications(): NotificationLog {
    return this.notificationLog;
  }

  /** Emergency action plans, runs and item outcomes. */
  get actions(): ActionLog {
    return this.actionLog;
  }

  /** Known-good stack snapshots. */
  get snapshots(): SnapshotLog {
    return this.snapshotLog;
  }

  /** The audit rows' table (filtered reads for the Audit page and `opsbar audit`). */
  get auditLog(): AuditLog {
    return this.audit;
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

  /** Free pages in the file (what an incremental vacuum can give back), all its pages, and the page size: the disk action's figures. */
  freePages(): { pages: number; pageCount: number; pageSize: number } {
    const pragma = (name: string) => this.db.pragma(name, { simple: true }) as number;
    return { pages: pragma('freelist_count'), pageCount: pragma('page_count'), pageSize: pragma('page_size') };
  }

  /** Gives the file's free pages back to the file system now, a step at a time; returns how many went. */
  vacuumFreePages(): number {
    return this.retention.vacuum();
  }

  health(): StoreHealth {
    const health = this.writer.health();
    return this.openFailure === null ? health : { ...health, writable: false, lastError: this.openFailure };
  }

  /** Flushes what it can, then closes. Never throws for a failed final flush: health() already said history was not being saved. */
  close(): void {
    if (this.closed) return;
    // Last chance for history kept in memory to reach the file (space may be back).
    this.tryResumeSaving();
    this.closed = true;
    clearInterval(this.timer);
    this.writer.tryFlush();
    this.db.close();
  }
}
