import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MAX_RESUME_RETRY_MS, resumeRetryDelayMs } from '../../../electron/core/store/historyFallback';
import { OpsbarStore, type NewRun } from '../../../electron/core/store/opsbarStore';
import type { NewOpsEvent } from '../../../shared/types/events';
import { eventually } from '../../support/eventually';
import { mountTmpfs } from '../../support/tmpfsMount';
import { HOUR, NOW, seriesSamples } from './fixtures/storeFixtures';

// A data dir whose disk is full or read-only when Opsbar starts: history is kept in memory, then moved to the file.

const event = (message: string): NewOpsEvent => ({ at: NOW, source: 'opsbar', kind: 'test.event', severity: 'info', subject: 'disk', message, attributes: {} });

const newRun = (state: NewRun['state']): NewRun => ({
  runbookId: 'disk-full',
  runbookTitle: 'Disk full',
  hash: 'a'.repeat(64),
  trigger: 'operator',
  startedBy: 'operator',
  mode: 'auto',
  state,
  params: {},
  currentStep: 0,
  stepCount: 1,
  wait: null,
  summary: '',
  suggestedRunbook: null,
  notes: '',
  startedAt: NOW,
});

function readFile<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const count = (file: string, table: string) => readFile(file, (db) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);

test('on a full disk the store starts in memory, says why with the path, and moves everything to the file when space returns', () => {
  const disk = mountTmpfs();
  const filler = disk.fill();
  const file = join(disk.dir, 'opsbar.db');
  const { store, notice } = OpsbarStore.open(file, { now: () => NOW, flushIntervalMs: 3_600_000 });
  try {
    assert.equal(notice.kind, 'memory-fallback');
    const health = store.health();
    assert.equal(health.writable, false);
    assert.equal(health.lastError, notice.message);
    assert.match(health.lastError!, /^History is not being saved: the disk is full \(/);
    assert.ok(health.lastError!.includes(file), health.lastError!);
    // Everything works from memory meanwhile.
    store.writeSamples(seriesSamples('cpu.percent', NOW - HOUR, NOW, 60_000));
    store.flush();
    store.addEvent(event('kept in memory'));
    const run = store.createRun(newRun('succeeded'));
    assert.equal(store.query('cpu.percent', NOW - HOUR, NOW, 1000).points.length, 60);
    assert.equal(store.tryResumeSaving(), false, 'still full');
    assert.equal(store.health().writable, false);

    rmSync(filler);
    assert.equal(store.tryResumeSaving(), true);
    assert.deepEqual(store.health(), { writable: true, lastError: null, pendingSamples: 0, droppedSamples: 0 });
    assert.equal(count(file, 'samples_raw'), 60);
    assert.equal(count(file, 'rollup_1m'), 60);
    assert.equal(count(file, 'events'), 1);
    // Copied whole: the run keeps its id, so a runner holding it carries on.
    assert.equal(store.getRun(run.id)?.runbookId, 'disk-full');
    store.writeSamples([{ series: 'cpu.percent', ts: NOW, value: 1 }]);
    store.flush();
    assert.equal(count(file, 'samples_raw'), 61);
  } finally {
    store.close();
  }
});

test('an existing history on a read-only disk: memory is appended to it once writable, after the run in memory has ended', () => {
  const disk = mountTmpfs({ sizeKb: 4096 });
  const file = join(disk.dir, 'opsbar.db');
  const before = OpsbarStore.open(file, { now: () => NOW }).store;
  before.addEvent(event('from before'));
  before.writeSamples(seriesSamples('cpu.percent', NOW - 2 * HOUR, NOW - HOUR, 60_000));
  before.close();
  disk.remount('ro');

  const { store, notice } = OpsbarStore.open(file, { now: () => NOW, flushIntervalMs: 3_600_000 });
  try {
    assert.equal(notice.kind, 'memory-fallback');
    assert.match(notice.message, /read-only file system/);
    assert.ok(notice.message.includes(file));
    store.addEvent(event('while read-only'));
    store.writeSamples(seriesSamples('cpu.percent', NOW - HOUR, NOW, 60_000));
    const run = store.createRun(newRun('running'));

    disk.remount('rw');
    assert.equal(store.tryResumeSaving(), false, 'a run in memory is still going: its id must not change under it');
    store.updateRun(run.id, { ...run, state: 'succeeded', endedAt: NOW + 1 });
    assert.equal(store.tryResumeSaving(), true);
    assert.equal(store.health().writable, true);
    assert.deepEqual(
      store.listEvents({ limit: 10 }).map((e) => e.message),
      ['while read-only', 'from before'],
    );
    assert.equal(count(file, 'samples_raw'), 120);
    assert.equal(store.listRuns({ limit: 10 }).length, 1);
  } finally {
    store.close();
  }
});

test('the flush timer retries on the injected clock, not before', async () => {
  const disk = mountTmpfs();
  const filler = disk.fill();
  let now = NOW;
  const { store } = OpsbarStore.open(join(disk.dir, 'opsbar.db'), { now: () => now, flushIntervalMs: 5 });
  try {
    rmSync(filler);
    // A tick flushes the memory buffer; the clock has not moved, so no retry yet.
    store.writeSamples([{ series: 'cpu.percent', ts: NOW, value: 1 }]);
    await eventually('a timer tick', () => store.health().pendingSamples === 0);
    assert.equal(store.health().writable, false);
    now += 5;
    await eventually('the timer to resume saving', () => store.health().writable);
  } finally {
    store.close();
  }
});

test('a disk that fills while running: the failure names the database file', () => {
  const disk = mountTmpfs();
  const file = join(disk.dir, 'opsbar.db');
  const { store, notice } = OpsbarStore.open(file, { now: () => NOW, flushIntervalMs: 3_600_000 });
  try {
    assert.equal(notice.kind, 'created');
    const filler = disk.fill();
    store.writeSamples(seriesSamples('cpu.percent', NOW - HOUR, NOW, 1000));
    assert.throws(() => store.flush());
    assert.match(store.health().lastError!, /^Disk full: history is not being saved \(/);
    assert.ok(store.health().lastError!.includes(file), store.health().lastError!);
    rmSync(filler);
    store.flush();
    assert.equal(store.health().writable, true);
  } finally {
    store.close();
  }
});

test('retries wait one flush interval, doubling, capped', () => {
  assert.equal(resumeRetryDelayMs(0, 10_000), 10_000);
  assert.equal(resumeRetryDelayMs(1, 10_000), 10_000);
  assert.equal(resumeRetryDelayMs(2, 10_000), 20_000);
  assert.equal(resumeRetryDelayMs(3, 10_000), MAX_RESUME_RETRY_MS);
  assert.equal(resumeRetryDelayMs(50, 10_000), MAX_RESUME_RETRY_MS);
  assert.equal(resumeRetryDelayMs(5, 60_000), 60_000, 'never shorter than the flush interval itself');
});
