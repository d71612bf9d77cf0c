// The model_probes table on a real SQLite file: round trip, range reads, the newest two decode
// rates, retention by hourDays, a read-only reader of the file, and memory history moved to the file.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'node:test';
import { ModelProbeLog } from '../../../electron/core/store/modelProbeLog';
import { OpsbarStore } from '../../../electron/core/store/opsbarStore';
import type { ModelProbeRecord } from '../../../shared/types/models';
import { tempDir } from '../../support/tempDir';
import { mountTmpfs } from '../../support/tmpfsMount';
import { DAY, MINUTE, NOW, RETENTION_DEFAULTS } from './fixtures/storeFixtures';

const URL_A = 'http://127.0.0.1:11434';

function probeRecord(over: Partial<ModelProbeRecord> = {}): ModelProbeRecord {
  return {
    endpoint: URL_A,
    model: 'qwen3:8b',
    at: NOW,
    ttftMs: 180.5,
    decodeTokensPerSecond: 42.25,
    prefillTokensPerSecond: 900,
    completionTokens: 64,
    promptTokens: 24,
    totalMs: 1700,
    source: 'client',
    estimated: false,
    cold: false,
    client: { ttftMs: 180.5, decodeTokensPerSecond: 42.25, prefillTokensPerSecond: 900, tokenChunks: 64 },
    server: { kind: 'ollama', decodeTokensPerSecond: 43, prefillTokensPerSecond: 1200, evalCount: 64, evalMs: 1488, promptEvalCount: 24, promptEvalMs: 20, loadMs: 3, totalMs: 1600 },
    trigger: 'schedule',
    ...over,
  };
}

const openStore = (file = join(tempDir(), 'opsbar.db')) => OpsbarStore.open(file, { now: () => NOW }).store;

test('a probe round-trips with its client and server figures, booleans and nulls intact', () => {
  const store = openStore();
  const cold = probeRecord({ cold: true, estimated: true, source: 'server', prefillTokensPerSecond: null, promptTokens: null, server: null, trigger: 'operator' });
  store.probes.add(probeRecord());
  store.probes.add({ ...cold, at: NOW + MINUTE });
  assert.deepEqual(store.probes.recent(URL_A, 'qwen3:8b', { from: 0, to: NOW + DAY, limit: 10 }), [probeRecord(), { ...cold, at: NOW + MINUTE }]);
  assert.deepEqual(store.probes.latest(URL_A, 'qwen3:8b'), { ...cold, at: NOW + MINUTE });
  assert.equal(store.probes.latest(URL_A, 'other'), null);
  store.close();
});

test('recent: one (endpoint, model), inside [from, to], oldest first, the newest `limit` when more', () => {
  const store = openStore();
  for (let i = 0; i < 10; i++) store.probes.add(probeRecord({ at: NOW + i * MINUTE, completionTokens: i }));
  store.probes.add(probeRecord({ model: 'llama3.1:8b', at: NOW + 5 * MINUTE }));
  store.probes.add(probeRecord({ endpoint: 'http://127.0.0.1:8080', at: NOW + 5 * MINUTE }));
  const tokens = (from: number, to: number, limit: number) => store.probes.recent(URL_A, 'qwen3:8b', { from, to, limit }).map((r) => r.completionTokens);
  assert.deepEqual(tokens(NOW + 2 * MINUTE, NOW + 6 * MINUTE, 100), [2, 3, 4, 5, 6]);
  assert.deepEqual(tokens(0, NOW + DAY, 3), [7, 8, 9]);
  assert.deepEqual(tokens(NOW + DAY, NOW + 2 * DAY, 3), []);
  store.close();
});

test('lastTwo: the newest two probes that have a decode rate, newest first', () => {
  const store = openStore();
  store.probes.add(probeRecord({ at: NOW, decodeTokensPerSecond: 10 }));
  store.probes.add(probeRecord({ at: NOW + 1, decodeTokensPerSecond: 20 }));
  store.probes.add(probeRecord({ at: NOW + 2, decodeTokensPerSecond: null }));
  store.probes.add(probeRecord({ at: NOW + 3, decodeTokensPerSecond: 30 }));
  assert.deepEqual(store.probes.lastTwo(URL_A, 'qwen3:8b').map((r) => r.decodeTokensPerSecond), [30, 20]);
  assert.deepEqual(store.probes.lastTwo(URL_A, 'nothing'), []);
  store.close();
});

test('retention keeps probes as long as the hourly rollups (hourDays), whatever eventDays says', () => {
  const store = openStore();
  for (const age of [400, 366, 364, 100, 1]) store.probes.add(probeRecord({ at: NOW - age * DAY, completionTokens: age }));
  const { deletedRows } = store.runRetention({ ...RETENTION_DEFAULTS, eventDays: 1 }, NOW);
  assert.equal(deletedRows, 2);
  assert.deepEqual(store.probes.recent(URL_A, 'qwen3:8b', { from: 0, to: NOW, limit: 10 }).map((r) => r.completionTokens), [364, 100, 1]);
  store.runRetention({ ...RETENTION_DEFAULTS, hourDays: 50 }, NOW);
  assert.deepEqual(store.probes.recent(URL_A, 'qwen3:8b', { from: 0, to: NOW, limit: 10 }).map((r) => r.completionTokens), [1]);
  store.close();
});

test('openReadOnly reads what the app wrote, and is null for a missing file or one without the table', () => {
  const dir = tempDir();
  const file = join(dir, 'opsbar.db');
  assert.equal(ModelProbeLog.openReadOnly(file), null);
  const store = openStore(file);
  store.probes.add(probeRecord());
  // The app keeps the file open and writing while a one-shot status reads it.
  const reader = ModelProbeLog.openReadOnly(file);
  assert.ok(reader);
  assert.deepEqual(reader.log.latest(URL_A, 'qwen3:8b'), probeRecord());
  store.probes.add(probeRecord({ at: NOW + 1, decodeTokensPerSecond: 12 }));
  assert.deepEqual(reader.log.lastTwo(URL_A, 'qwen3:8b').map((r) => r.decodeTokensPerSecond), [12, 42.25]);
  reader.close();
  store.close();

  const old = join(dir, 'old.db');
  const raw = new Database(old);
  raw.exec('CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT)');
  raw.close();
  assert.equal(ModelProbeLog.openReadOnly(old), null);
});

test('probes kept in memory while the history file was read-only are appended to it once it can be written', () => {
  const disk = mountTmpfs();
  const file = join(disk.dir, 'opsbar.db');
  const before = openStore(file);
  before.probes.add(probeRecord({ at: NOW - MINUTE, decodeTokensPerSecond: 40 }));
  before.close();
  disk.remount('ro');
  const { store, notice } = OpsbarStore.open(file, { now: () => NOW, flushIntervalMs: 3_600_000 });
  assert.equal(notice.kind, 'memory-fallback');
  store.probes.add(probeRecord());
  disk.remount('rw');
  assert.equal(store.tryResumeSaving(), true);
  store.close();
  const reader = ModelProbeLog.openReadOnly(file);
  assert.deepEqual(reader?.log.lastTwo(URL_A, 'qwen3:8b').map((r) => r.decodeTokensPerSecond), [42.25, 40]);
  reader?.close();
});
