import type Database from 'better-sqlite3';
import type { Sample } from '../monitors/collector';
import { RollupAccumulator } from './rollupAccumulator';
import type { SeriesRegistry } from './seriesRegistry';
import { describeWriteFailure } from './storeErrors';

export interface StoreHealth {
  writable: boolean;
  lastError: string | null;
  pendingSamples: number;
  droppedSamples: number;
}

export interface SampleWriterOptions {
  /** Samples kept in memory while the database cannot be written; beyond it new samples are dropped. */
  maxBufferedSamples: number;
  /** A buffer this full is flushed by `write` itself rather than waiting for the timer. */
  flushThreshold: number;
  /** The database file, named in the failure message. */
  file?: string;
}

const UPSERT_ROLLUP = (table: string) => `
  INSERT INTO ${table}(series_id, bucket, sum, count, min, max) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT(series_id, bucket) DO UPDATE SET
    sum = sum + excluded.sum, count = count + excluded.count,
    min = min(min, excluded.min), max = max(max, excluded.max)`;

/**
 * Buffers samples and writes them in one transaction per flush: raw rows plus incremental
 * minute and hour rollups. A failed flush rolls back as a whole, keeps the samples for the
 * next try and reports itself through `health()`.
 *
 * Duplicates: a second sample for the same (series, ts) replaces the raw row (last wins), but
 * the rollups count both. Collectors never send one twice, and a failed flush is rolled back
 * entirely, so a retry does not duplicate either.
 */
export class SampleWriter {
  private buffer: Sample[] = [];
  private dropped = 0;
  private lastError: string | null = null;
  private readonly commit: Database.Transaction<(batch: Sample[]) => void>;

  constructor(
    db: Database.Database,
    private readonly series: SeriesRegistry,
    private readonly options: SampleWriterOptions,
  ) {
    const insertRaw = db.prepare<[number, number, number]>(
      'INSERT INTO samples_raw(series_id, ts, value) VALUES (?, ?, ?) ON CONFLICT(series_id, ts) DO UPDATE SET value = excluded.value',
    );
    const upsertMinute = db.prepare<[number, number, number, number, number, number]>(UPSERT_ROLLUP('rollup_1m'));
    const upsertHour = db.prepare<[number, number, number, number, number, number]>(UPSERT_ROLLUP('rollup_1h'));
    this.commit = db.transaction((batch: Sample[]) => {
      const rollups = new RollupAccumulator();
      for (const sample of batch) {
        const id = this.series.idFor(sample.series);
        insertRaw.run(id, sample.ts, sample.value);
        rollups.add(id, sample.ts, sample.value);
      }
      const { minutes, hours } = rollups.drain();
      for (const m of minutes) upsertMinute.run(m.seriesId, m.bucket, m.sum, m.count, m.min, m.max);
      for (const h of hours) upsertHour.run(h.seriesId, h.bucket, h.sum, h.count, h.min, h.max);
    });
  }

  /** Queues samples; never throws. Samples with a non-finite time or value are dropped (SQLite would reject the whole batch). */
  write(samples: readonly Sample[]): void {
    const room = this.options.maxBufferedSamples - this.buffer.length;
    let accepted = 0;
    for (const sample of samples) {
      if (accepted >= room || typeof sample?.series !== 'string' || !Number.isFinite(sample.value) || !Number.isFinite(sample.ts)) {
        this.dropped++;
        continue;
      }
      this.buffer.push(sample);
      accepted++;
    }
    // While failing, only the timer retries: a full buffer must not turn every write into a failing flush.
    if (this.buffer.length >= this.options.flushThreshold && this.lastError === null) this.tryFlush();
  }

  /** Writes the buffer durably; throws (after recording it in health) if it cannot. */
  flush(): void {
    if (this.buffer.length === 0) return;
    try {
      this.commit.immediate(this.buffer);
    } catch (error) {
      // The transaction rolled back: series rows it created are gone, so are their cached ids.
      this.series.forget();
      this.lastError = describeWriteFailure(error, this.options.file);
      throw error;
    }
    this.buffer = [];
    this.lastError = null;
  }

  /** `flush` for timers: returns whether it worked instead of throwing. */
  tryFlush(): boolean {
    try {
      this.flush();
      return true;
    } catch {
      return false;
    }
  }

  /** Hands over the samples not written yet (the store moves them to another database). */
  takePending(): Sample[] {
    const pending = this.buffer;
    this.buffer = [];
    return pending;
  }

  health(): StoreHealth {
    return {
      writable: this.lastError === null,
      lastError: this.lastError,
      pendingSamples: this.buffer.length,
      droppedSamples: this.dropped,
    };
  }
}
