import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { SampleWriter, type SampleWriterOptions } from '../../../electron/core/store/sampleWriter';
import { SeriesRegistry } from '../../../electron/core/store/seriesRegistry';
import { tempDir } from '../../support/tempDir';
import { MINUTE, NOW, seriesSamples } from './fixtures/storeFixtures';

function setup(options: Partial<SampleWriterOptions> = {}): { db: Database.Database; writer: SampleWriter } {
  const { db } = openDatabase(join(tempDir(), 'opsbar.db'), { now: () => NOW });
  const writer = new SampleWriter(db, new SeriesRegistry(db), { maxBufferedSamples: 100_000, flushThreshold: 5000, ...options });
  return { db, writer };
}

const count = (db: Database.Database, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

test('flush writes raw rows and minute/hour rollups in one go', () => {
  const { db, writer } = setup();
  writer.write(seriesSamples('cpu', NOW, NOW + 2 * MINUTE, 10_000));
  assert.equal(writer.health().pendingSamples, 12);
  writer.flush();
  assert.deepEqual(writer.health(), { writable: true, lastError: null, pendingSamples: 0, droppedSamples: 0 });
  assert.equal(count(db, 'SELECT count(*) AS n FROM samples_raw'), 12);
  assert.deepEqual(
    db.prepare('SELECT bucket, count FROM rollup_1m ORDER BY bucket').all(),
    [{ bucket: NOW, count: 6 }, { bucket: NOW + MINUTE, count: 6 }],
  );
  assert.equal(count(db, 'SELECT sum(count) AS n FROM rollup_1h'), 12);
});

test('rollups add up across flushes and out-of-order samples', () => {
  const { db, writer } = setup();
  writer.write([{ series: 'cpu', ts: NOW + 1000, value: 5 }, { series: 'cpu', ts: NOW + MINUTE, value: 100 }]);
  writer.write([{ series: 'cpu', ts: NOW + 2000, value: 1 }]);
  writer.flush();
  writer.write([{ series: 'cpu', ts: NOW + 3000, value: 9 }]);
  writer.flush();
  assert.deepEqual(db.prepare('SELECT bucket, sum, count, min, max FROM rollup_1m ORDER BY bucket').all(), [
    { bucket: NOW, sum: 15, count: 3, min: 1, max: 9 },
    { bucket: NOW + MINUTE, sum: 100, count: 1, min: 100, max: 100 },
  ]);
  assert.deepEqual(db.prepare('SELECT bucket, sum, count, min, max FROM rollup_1h').all(), [{ bucket: NOW, sum: 115, count: 4, min: 1, max: 100 }]);
});

test('a duplicate (series, ts): the raw row keeps the last value; rollups count both (documented)', () => {
  const { db, writer } = setup();
  writer.write([{ series: 'cpu', ts: NOW, value: 1 }, { series: 'cpu', ts: NOW, value: 7 }]);
  writer.flush();
  assert.deepEqual(db.prepare('SELECT ts, value FROM samples_raw').all(), [{ ts: NOW, value: 7 }]);
  assert.deepEqual(db.prepare('SELECT count, sum FROM rollup_1m').get(), { count: 2, sum: 8 });
});

test('a full buffer is flushed by write itself', () => {
  const { db, writer } = setup({ flushThreshold: 10 });
  writer.write(seriesSamples('cpu', NOW, NOW + 9000, 1000));
  assert.equal(writer.health().pendingSamples, 9);
  writer.write([{ series: 'cpu', ts: NOW + 9000, value: 1 }]);
  assert.equal(writer.health().pendingSamples, 0);
  assert.equal(count(db, 'SELECT count(*) AS n FROM samples_raw'), 10);
});

test('samples with a non-finite value or time are dropped, not allowed to poison the batch', () => {
  const { db, writer } = setup();
  writer.write([
    { series: 'cpu', ts: NOW, value: Number.NaN },
    { series: 'cpu', ts: Number.POSITIVE_INFINITY, value: 1 },
    { series: 'cpu', ts: NOW, value: 3 },
  ]);
  writer.flush();
  assert.equal(writer.health().droppedSamples, 2);
  assert.equal(count(db, 'SELECT count(*) AS n FROM samples_raw'), 1);
});

test('disk full: samples stay buffered, health says so in plain words, and the next flush recovers', () => {
  const { db, writer } = setup();
  writer.write(seriesSamples('cpu', NOW, NOW + MINUTE, 1000));
  writer.flush();
  // The database may not grow any more: the next pages it needs fail with SQLITE_FULL, as on a full disk.
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  const burst = [...seriesSamples('gpu.new-series', NOW, NOW + 60 * MINUTE, 1000), ...seriesSamples('cpu', NOW + MINUTE, NOW + 30 * MINUTE, 1000)];
  writer.write(burst);

  assert.throws(() => writer.flush(), { code: 'SQLITE_FULL' });
  assert.equal(writer.tryFlush(), false);
  const failing = writer.health();
  assert.equal(failing.writable, false);
  assert.match(failing.lastError!, /^Disk full: history is not being saved \(/);
  assert.equal(failing.pendingSamples, burst.length);
  assert.equal(count(db, 'SELECT count(*) AS n FROM samples_raw'), 60);
  assert.equal(count(db, "SELECT count(*) AS n FROM series WHERE name = 'gpu.new-series'"), 0);

  db.pragma('max_page_count = 1073741823');
  assert.equal(writer.tryFlush(), true);
  assert.deepEqual(writer.health(), { writable: true, lastError: null, pendingSamples: 0, droppedSamples: 0 });
  assert.equal(count(db, 'SELECT count(*) AS n FROM samples_raw'), 60 + burst.length);
  assert.equal(count(db, 'SELECT sum(count) AS n FROM rollup_1m'), 60 + burst.length);
});

test('read-only database: the buffer is capped, drops are counted, and writing resumes when it clears', () => {
  const { db, writer } = setup({ maxBufferedSamples: 100, flushThreshold: 50 });
  db.pragma('query_only = ON'); // writes now fail with SQLITE_READONLY
  writer.write(seriesSamples('cpu', NOW, NOW + 60_000, 1000)); // 60 ≥ threshold: write tries a flush, which fails quietly
  assert.equal(writer.health().writable, false);
  assert.match(writer.health().lastError!, /read-only: history is not being saved/);
  assert.doesNotThrow(() => writer.write(seriesSamples('cpu', NOW + 60_000, NOW + 150_000, 1000)));
  assert.deepEqual(writer.health(), { writable: false, lastError: writer.health().lastError, pendingSamples: 100, droppedSamples: 50 });

  db.pragma('query_only = OFF');
  assert.equal(writer.tryFlush(), true);
  assert.equal(writer.health().writable, true);
  assert.equal(writer.health().droppedSamples, 50);
  assert.equal(count(db, 'SELECT count(*) AS n FROM samples_raw'), 100);
  // The oldest samples were kept; the newest beyond the cap were dropped.
  assert.equal(count(db, 'SELECT max(ts) AS n FROM samples_raw'), NOW + 99_000);
});
