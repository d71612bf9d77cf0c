import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Sample } from '../../../electron/core/monitors/collector';
import { OpsbarStore, StoreVersionError } from '../../../electron/core/store/opsbarStore';
import { eventually } from '../../support/eventually';
import { tempDir } from '../../support/tempDir';
import { HOUR, NOW, seriesSamples } from './fixtures/storeFixtures';

const rowsIn = (file: string): number => {
  const reader = new Database(file, { readonly: true });
  try {
    return (reader.prepare('SELECT count(*) AS n FROM samples_raw').get() as { n: number }).n;
  } finally {
    reader.close();
  }
};

test('the timer flushes buffered samples, visible to another connection', async () => {
  const file = join(tempDir(), 'opsbar.db');
  const { store, notice } = OpsbarStore.open(file, { now: () => NOW, flushIntervalMs: 20 });
  assert.equal(notice.kind, 'created');
  store.writeSamples(seriesSamples('cpu', NOW - HOUR, NOW, 60_000));
  assert.equal(store.health().pendingSamples, 60);
  await eventually('the timer to flush', () => store.health().pendingSamples === 0);
  assert.equal(rowsIn(file), 60);
  store.close();
});

test('5000 buffered samples are written without waiting for the timer', () => {
  const file = join(tempDir(), 'opsbar.db');
  const { store } = OpsbarStore.open(file, { now: () => NOW, flushIntervalMs: 3_600_000 });
  store.writeSamples(seriesSamples('cpu', NOW - 4999_000, NOW, 1000).slice(0, 4999));
  assert.equal(store.health().pendingSamples, 4999);
  store.writeSamples([{ series: 'cpu', ts: NOW, value: 1 }]);
  assert.equal(store.health().pendingSamples, 0);
  assert.equal(rowsIn(file), 5000);
  store.close();
});

test('close flushes first, can be called twice, and writeSamples never throws, even afterwards', () => {
  const file = join(tempDir(), 'opsbar.db');
  const { store } = OpsbarStore.open(file, { now: () => NOW, flushIntervalMs: 3_600_000, maxBufferedSamples: 10 });
  store.writeSamples(seriesSamples('cpu', NOW - 5000, NOW, 1000));
  store.writeSamples([null as unknown as Sample, { series: 'cpu' } as Sample]);
  store.close();
  store.close();
  assert.equal(rowsIn(file), 5);
  assert.doesNotThrow(() => store.writeSamples(seriesSamples('cpu', NOW, NOW + 20_000, 1000)));
  assert.equal(store.health().droppedSamples, 2 + 10);
});

test('the store exports the newer-version error the core can recognise', () => {
  const file = join(tempDir(), 'opsbar.db');
  OpsbarStore.open(file).store.close();
  const raw = new Database(file);
  raw.pragma('user_version = 999');
  raw.close();
  assert.throws(() => OpsbarStore.open(file), StoreVersionError);
});
