import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { ModelProbeRecord } from '../../../shared/types/models';

/**
 * The `model_probes` table: one row per measured probe, written at once (durable on return), read
 * per (endpoint, model) through the index on (endpoint, model, at). Retention deletes by age
 * (see retention.ts). Failed probes are not measurements and are never written here.
 */
export interface ModelProbeReader {
  /** The newest stored probe of the model, or null. */
  latest(endpoint: string, model: string): ModelProbeRecord | null;
  /** The newest two stored probes that have a decode rate, newest first: what `model.slow` judges. */
  lastTwo(endpoint: string, model: string): ModelProbeRecord[];
  /** Probes with `from <= at <= to`, oldest first; the newest `limit` when there are more. */
  recent(endpoint: string, model: string, range: { from: number; to: number; limit: number }): ModelProbeRecord[];
}

interface ProbeRow {
  endpoint: string;
  model: string;
  at: number;
  ttft_ms: number;
  decode_tokens_per_second: number | null;
  prefill_tokens_per_second: number | null;
  completion_tokens: number;
  prompt_tokens: number | null;
  total_ms: number;
  source: ModelProbeRecord['source'];
  estimated: number;
  cold: number;
  trigger: ModelProbeRecord['trigger'];
  figures: string;
}

type Figures = Pick<ModelProbeRecord, 'client' | 'server'>;
type Key = { endpoint: string; model: string };

const COLUMNS =
  'endpoint, model, at, ttft_ms, decode_tokens_per_second, prefill_tokens_per_second, completion_tokens, prompt_tokens, total_ms, source, estimated, cold, trigger, figures';

/** The reads, on any connection (the read-only one of a one-shot status included). */
class ModelProbeReads implements ModelProbeReader {
  private readonly newest: Database.Statement<Key, ProbeRow>;
  private readonly newestWithDecode: Database.Statement<Key, ProbeRow>;
  private readonly range: Database.Statement<Key & { from: number; to: number; limit: number }, ProbeRow>;

  constructor(db: Database.Database) {
    const where = 'endpoint = @endpoint AND model = @model';
    this.newest = db.prepare(`SELECT ${COLUMNS} FROM model_probes WHERE ${where} ORDER BY at DESC, id DESC LIMIT 1`);
    this.newestWithDecode = db.prepare(
      `SELECT ${COLUMNS} FROM model_probes WHERE ${where} AND decode_tokens_per_second IS NOT NULL ORDER BY at DESC, id DESC LIMIT 2`,
    );
    // The newest `limit` of the range, then put oldest first.
    this.range = db.prepare(
      `SELECT * FROM (SELECT id, ${COLUMNS} FROM model_probes WHERE ${where} AND at BETWEEN @from AND @to ORDER BY at DESC, id DESC LIMIT @limit)
       ORDER BY at, id`,
    );
  }

  latest(endpoint: string, model: string): ModelProbeRecord | null {
    const row = this.newest.get({ endpoint, model });
    return row ? fromRow(row) : null;
  }

  lastTwo(endpoint: string, model: string): ModelProbeRecord[] {
    return this.newestWithDecode.all({ endpoint, model }).map(fromRow);
  }

  recent(endpoint: string, model: string, range: { from: number; to: number; limit: number }): ModelProbeRecord[] {
    const limit = Math.max(0, Math.floor(range.limit));
    return this.range.all({ endpoint, model, from: range.from, to: range.to, limit }).map(fromRow);
  }
}

export class ModelProbeLog extends ModelProbeReads {
  private readonly insert: Database.Statement<ProbeRow>;

  constructor(db: Database.Database) {
    super(db);
    this.insert = db.prepare(`INSERT INTO model_probes(${COLUMNS}) VALUES (${COLUMNS.split(', ').map((c) => `@${c}`).join(', ')})`);
  }

  /**
   * Opens the history file read-only just to read probes (a one-shot `opsbar status` keeps its
   * history in memory and must not write or check the file). Null when there is no file yet, or it
   * holds no probes table (an older Opsbar wrote it), or it cannot be read: no probe is shown then.
   */
  static openReadOnly(file: string, nativeBinding?: string): { log: ModelProbeReader; close(): void } | null {
    if (!existsSync(file)) return null;
    let db: Database.Database | null = null;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true, timeout: 2000, nativeBinding });
      const log = new ModelProbeReads(db);
      const opened = db;
      return { log, close: () => opened.close() };
    } catch {
      db?.close();
      return null;
    }
  }

  /** Durable on return; throws when the disk refuses the write (the caller keeps the record in memory). */
  add(record: ModelProbeRecord): void {
    const figures: Figures = { client: record.client, server: record.server };
    this.insert.run({
      endpoint: record.endpoint,
      model: record.model,
      at: record.at,
      ttft_ms: record.ttftMs,
      decode_tokens_per_second: record.decodeTokensPerSecond,
      prefill_tokens_per_second: record.prefillTokensPerSecond,
      completion_tokens: record.completionTokens,
      prompt_tokens: record.promptTokens,
      total_ms: record.totalMs,
      source: record.source,
      estimated: record.estimated ? 1 : 0,
      cold: record.cold ? 1 : 0,
      trigger: record.trigger,
      figures: JSON.stringify(figures),
    });
  }
}

function fromRow(row: ProbeRow): ModelProbeRecord {
  const figures = parseFigures(row.figures, row);
  return {
    endpoint: row.endpoint,
    model: row.model,
    at: row.at,
    ttftMs: row.ttft_ms,
    decodeTokensPerSecond: row.decode_tokens_per_second,
    prefillTokensPerSecond: row.prefill_tokens_per_second,
    completionTokens: row.completion_tokens,
    promptTokens: row.prompt_tokens,
    totalMs: row.total_ms,
    source: row.source,
    estimated: row.estimated === 1,
    cold: row.cold === 1,
    client: figures.client,
    server: figures.server,
    trigger: row.trigger,
  };
}

/** A damaged JSON column costs the side-by-side figures of that row, not the row. */
function parseFigures(text: string, row: ProbeRow): Figures {
  try {
    const parsed = JSON.parse(text) as Partial<Figures>;
    if (parsed.client) return { client: parsed.client, server: parsed.server ?? null };
  } catch {
    // fall through
  }
  return { client: { ttftMs: row.ttft_ms, decodeTokensPerSecond: null, prefillTokensPerSecond: null, tokenChunks: 0 }, server: null };
}
