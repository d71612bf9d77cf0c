import type Database from 'better-sqlite3';

/** Tables whose rows are keyed by a series id: copied with the ids of the target's series. */
const SERIES_TABLES = ['samples_raw', 'rollup_1m', 'rollup_1h'] as const;
/** Merges a rollup bucket the target already has, as SampleWriter does. */
const ROLLUP_MERGE = 'sum = sum + excluded.sum, count = count + excluded.count, min = min(min, excluded.min), max = max(max, excluded.max)';

/** True while a run kept in memory is still going: its runner holds its id, which a copy would change. */
export function hasUnfinishedRuns(memory: Database.Database): boolean {
  return memory.prepare("SELECT 1 FROM runbook_runs WHERE state IN ('running', 'waiting') LIMIT 1").get() !== undefined;
}

/**
 * Appends the history kept in memory (while the file could not be written) to an existing
 * database file, in one transaction: samples and rollups under the file's series ids, events,
 * audit entries, model probes and finished runs with new ids. All or nothing: a failure (the disk filled
 * again) leaves the file as it was and the memory copy intact, for the next try.
 */
export function copyMemoryHistory(memory: Database.Database, target: Database.Database): void {
  target.transaction(() => {
    const seriesId = new Map<number, number>();
    const upsertSeries = target.prepare<[string], { id: number }>(
      'INSERT INTO series(name) VALUES (?) ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id',
    );
    for (const row of memory.prepare<[], { id: number; name: string }>('SELECT id, name FROM series').iterate()) {
      seriesId.set(row.id, upsertSeries.get(row.name)!.id);
    }
    for (const table of SERIES_TABLES) {
      const columns = columnsOf(memory, table);
      const keys = table === 'samples_raw' ? 'series_id, ts' : 'series_id, bucket';
      const onConflict = table === 'samples_raw' ? 'value = excluded.value' : ROLLUP_MERGE;
      const insert = target.prepare(
        `INSERT INTO ${table}(${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')}) ON CONFLICT(${keys}) DO UPDATE SET ${onConflict}`,
      );
      for (const row of memory.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}`).iterate()) {
        insert.run({ ...row, series_id: seriesId.get(row.series_id as number) });
      }
    }
    appendWithNewIds(memory, target, 'events');
    appendWithNewIds(memory, target, 'audit');
    appendWithNewIds(memory, target, 'model_probes');
    const runId = appendWithNewIds(memory, target, 'runbook_runs');
    const stepColumns = columnsOf(memory, 'runbook_steps');
    const insertStep = target.prepare(`INSERT INTO runbook_steps(${stepColumns.join(', ')}) VALUES (${stepColumns.map((c) => `@${c}`).join(', ')})`);
    for (const row of memory.prepare<[], Record<string, unknown>>('SELECT * FROM runbook_steps').iterate()) {
      insertStep.run({ ...row, run_id: runId.get(row.run_id as number) });
    }
  })();
}

/** Copies a table's rows without their ids (the target numbers them); returns old id → new id. */
function appendWithNewIds(memory: Database.Database, target: Database.Database, table: string): Map<number, number> {
  const columns = columnsOf(memory, table).filter((c) => c !== 'id');
  const insert = target.prepare(`INSERT INTO ${table}(${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const ids = new Map<number, number>();
  for (const { id, ...row } of memory.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY id`).iterate()) {
    ids.set(id as number, Number(insert.run(row).lastInsertRowid));
  }
  return ids;
}

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}
