import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readDiskGrowth } from '../../../../electron/core/actions/disk/diskGrowth';
import { OpsbarStore } from '../../../../electron/core/store/opsbarStore';
import { tempDir } from '../../../support/tempDir';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const HOUR = 3_600_000;
const GB = 1e9;

function storeWith(samples: { series: string; ts: number; value: number }[]) {
  const { store } = OpsbarStore.open(join(tempDir(), 'opsbar.db'), { now: () => NOW });
  store.writeSamples(samples);
  store.flush();
  return store;
}

/** One sample a minute over `hours` hours, free bytes falling by `perHour`. */
function falling(mount: string, hours: number, start: number, perHour: number) {
  const out = [];
  for (let ts = NOW - hours * HOUR; ts <= NOW; ts += 60_000) out.push({ series: `disk.freeBytes:${mount}`, ts, value: start - ((ts - (NOW - hours * HOUR)) / HOUR) * perHour });
  return out;
}

test('days until full come from a least-squares rate over the stored free-bytes history', () => {
  const store = storeWith([...falling('/', 6, 100 * GB, 1 * GB), ...falling('/data', 3, 50 * GB, -0.5 * GB)]);
  try {
    const growth = readDiskGrowth(store, NOW);
    const root = growth.find((g) => g.mount === '/')!;
    assert.ok(Math.abs(root.bytesPerDay! - 24 * GB) < 0.01 * GB, `bytesPerDay ${root.bytesPerDay}`);
    assert.ok(Math.abs(root.freeBytes! - 94 * GB) < 0.01 * GB);
    assert.ok(Math.abs(root.daysUntilFull! - 94 / 24) < 0.01, `daysUntilFull ${root.daysUntilFull}`);
    assert.equal(root.basisHours, 6);
    // Free space growing: no day the disk fills.
    const data = growth.find((g) => g.mount === '/data')!;
    assert.ok(data.bytesPerDay! < 0);
    assert.equal(data.daysUntilFull, null);
  } finally {
    store.close();
  }
});

test('under an hour of history gives no rate rather than a wild guess', () => {
  const store = storeWith(falling('/', 0.5, 100 * GB, 10 * GB));
  try {
    const [root] = readDiskGrowth(store, NOW);
    assert.equal(root.mount, '/');
    assert.equal(root.bytesPerDay, null);
    assert.equal(root.daysUntilFull, null);
    assert.ok(root.freeBytes !== null);
  } finally {
    store.close();
  }
});
