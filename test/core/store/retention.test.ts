import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { OpsbarStore } from '../../../electron/core/store/opsbarStore';
import { RetentionRunner } from '../../../electron/core/store/retention';
import { SampleWriter } from '../../../electron/core/store/sampleWriter';
import { SeriesRegistry } from '../../../electron/core/store/seriesRegistry';
import { tempDir } from '../../support/tempDir';
import { DAY, HOUR, MINUTE, NOW, seriesSamples } from './fixtures/storeFixtures';

const RETENTION = { rawHours: 2, minuteDays: 1, hourDays: 3, eventDays: 5, auditDays: 365, incidentDays: 365 };
const CUTOFF = {
  samples_raw: NOW - 2 * HOUR,
  rollup_1m: NOW - 1 * DAY,
  rollup_1h: NOW - 3 * DAY,
} as const;
type SeriesTable = keyof typeof CUTOFF;
const TIME = { samples_raw: 'ts', rollup_1m: 'bucket', rollup_1h: 'bucket' } as const;

/** Two series with 5 days of samples every 10 minutes, one with only 4-day-old samples, and events over 10 days. */
function seed(): { db: Database.Database; writer: SampleWriter; series: SeriesRegistry } {
  const { db } = openDatabase(join(tempDir(), 'opsbar.db'), { now: () => NOW });
  const series = new SeriesRegistry(db);
  const writer = new SampleWriter(db, series, { maxBufferedSamples: 100_000, flushThreshold: 100_000 });
  writer.write(seriesSamples('cpu', NOW - 5 * DAY, NOW, 10 * MINUTE));
  writer.write(seriesSamples('gpu', NOW - 5 * DAY, NOW, 10 * MINUTE));
  writer.write(seriesSamples('gone', NOW - 4 * DAY, NOW - 4 * DAY + HOUR, MINUTE));
  writer.flush();
  const insert = db.prepare("INSERT INTO events(at, source, kind, severity, subject, message) VALUES (?, 'opsbar', 'test', 'info', 's', 'm')");
  for (let at = NOW - 10 * DAY; at < NOW; at += HOUR) insert.run(at);
  return { db, writer, series };
}

function split(db: Database.Database, table: SeriesTable | 'events'): { old: number; young: number } {
  const [time, cutoff] = table === 'events' ? ['at', NOW - RETENTION.eventDays * DAY] : [TIME[table], CUTOFF[table]];
  const row = db.prepare(`SELECT sum(${time} < ?) AS old, sum(${time} >= ?) AS young FROM ${table}`).get(cutoff, cutoff) as { old: number; young: number };
  return { old: row.old ?? 0, young: row.young ?? 0 };
}

test('retention deletes exactly the rows older than each table keeps, in chunks', () => {
  const { db } = seed();
  const tables = ['samples_raw', 'rollup_1m', 'rollup_1h', 'events'] as const;
  const before = Object.fromEntries(tables.map((t) => [t, split(db, t)])) as Record<(typeof tables)[number], { old: number; young: number }>;
  for (const t of tables) assert.ok(before[t].old > 7 && before[t].young > 0, `${t} has rows on both sides`);

  const perSeriesOld = db
    .prepare(
      `SELECT (SELECT count(*) FROM samples_raw WHERE series_id = s.id AND ts < @raw) AS raw,
              (SELECT count(*) FROM rollup_1m WHERE series_id = s.id AND bucket < @m) AS m,
              (SELECT count(*) FROM rollup_1h WHERE series_id = s.id AND bucket < @h) AS h FROM series s`,
    )
    .all({ raw: CUTOFF.samples_raw, m: CUTOFF.rollup_1m, h: CUTOFF.rollup_1h }) as { raw: number; m: number; h: number }[];
  const chunk = 7;
  const statementsFor = (rows: number) => Math.floor(rows / chunk) + 1; // the last, short chunk ends the loop
  const expectedStatements =
    perSeriesOld.reduce((n, s) => n + statementsFor(s.raw) + statementsFor(s.m) + statementsFor(s.h), 0) + statementsFor(before.events.old) + 1 + 1 + 4 + 2 + 1; // one for runbook runs (none here), one for model probes (none), four for audit, incidents, notifications and deliveries (none), two for emergency plans that ran and that never ran (none), one for empty series

  const report = new RetentionRunner(db).run(RETENTION, NOW, chunk);

  for (const t of tables) {
    assert.deepEqual(split(db, t), { old: 0, young: before[t].young }, t);
    assert.equal(report.byTable[t], before[t].old, t);
  }
  assert.equal(report.deletedRows, tables.reduce((n, t) => n + before[t].old, 0));
  assert.equal(report.statements, expectedStatements);
  assert.equal(report.byTable.series, 1); // "gone" has no rows left anywhere
  assert.deepEqual(db.prepare('SELECT name FROM series ORDER BY name').pluck().all(), ['cpu', 'gpu']);

  assert.deepEqual(new RetentionRunner(db).run(RETENTION, NOW, chunk).deletedRows, 0);
  db.close();
});

test('retention works when the database may not grow at all (a full disk)', () => {
  const { db, writer } = seed();
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  const report = new RetentionRunner(db).run(RETENTION, NOW);
  assert.ok(report.deletedRows > 0);
  // The freed pages take new samples without growing the file.
  writer.write(seriesSamples('cpu', NOW, NOW + 10 * MINUTE, 1000));
  writer.flush();
  // Incremental vacuum gave the freed pages back, so the file is smaller, never larger.
  assert.ok((db.pragma('page_count', { simple: true }) as number) <= pages);
  db.close();
});

test('through the store: a series emptied by retention can be written again', () => {
  const { store } = OpsbarStore.open(join(tempDir(), 'opsbar.db'), { now: () => NOW });
  store.writeSamples(seriesSamples('gone', NOW - 4 * DAY, NOW - 4 * DAY + HOUR, MINUTE));
  store.flush();
  store.addEvent({ at: NOW - 6 * DAY, source: 'opsbar', kind: 'old', severity: 'info', subject: 's', message: 'm', attributes: {} });
  store.addAudit({ at: NOW - 300 * DAY, actor: 'a', action: 'b', target: 'c', outcome: 'succeeded', details: {} });
  // 60 raw rows, 60 minute rollups, 1 hour rollup (4 days old: within hourDays) and 1 event.
  assert.deepEqual(store.runRetention({ ...RETENTION, hourDays: 5 }, NOW, { chunkRows: 10 }), { deletedRows: 121 });
  assert.deepEqual(store.runRetention(RETENTION, NOW), { deletedRows: 1 });
  assert.deepEqual(store.listSeries('gone'), []);
  assert.equal(store.listAudit(10).length, 1, 'the audit trail is kept auditDays (365)');

  store.writeSamples([{ series: 'gone', ts: NOW, value: 1 }]);
  store.flush();
  assert.deepEqual(store.query('gone', NOW - 10_000, NOW, 10_001).points, [{ t: NOW, avg: 1, min: 1, max: 1 }]);
  store.close();
});
