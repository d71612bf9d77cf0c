import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Sample } from '../../../electron/core/monitors/collector';
import { planBuckets } from '../../../electron/core/store/bucketPlan';
import { OpsbarStore } from '../../../electron/core/store/opsbarStore';
import type { HistoryPoint, Resolution } from '../../../shared/types/history';
import { tempDir } from '../../support/tempDir';
import { DAY, HOUR, MINUTE, NOW, seriesSamples } from './fixtures/storeFixtures';

const { store } = OpsbarStore.open(join(tempDir(), 'opsbar.db'), { now: () => NOW });
after(() => store.close());

const recent = seriesSamples('cpu.percent', NOW - 6 * HOUR, NOW, 2000, 3); // 2 s interval, last 6 h
const longRun = seriesSamples('disk.usedPercent:/', NOW - 10 * DAY, NOW, MINUTE, 5); // 1 min interval, 10 days
store.writeSamples([...recent, ...longRun, { series: 'disk.usedPercent:/home', ts: NOW - 1000, value: 1 }]);
store.writeSamples([{ series: 'container.cpuPercent:llm/ollama', ts: NOW - 1000, value: 12 }]);
store.flush();

/** What a chart should show, computed in JS straight from the samples. */
function expectedPoints(samples: Sample[], resolution: Resolution, from: number, to: number, maxPoints: number): HistoryPoint[] {
  const plan = planBuckets(resolution, from, to, maxPoints);
  const groups = new Map<number, number[]>();
  for (const { ts, value } of samples) {
    if (ts < plan.first || ts > to) continue;
    const t = plan.origin + (ts - plan.origin - ((ts - plan.origin) % plan.width));
    groups.set(t, [...(groups.get(t) ?? []), value]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, values]) => ({ t, avg: values.reduce((s, v) => s + v, 0) / values.length, min: Math.min(...values), max: Math.max(...values) }));
}

function assertPointsClose(actual: HistoryPoint[], expected: HistoryPoint[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((point, i) => {
    assert.equal(point.t, expected[i].t);
    assert.equal(point.min, expected[i].min);
    assert.equal(point.max, expected[i].max);
    assert.ok(Math.abs(point.avg - expected[i].avg) < 1e-9, `avg at ${point.t}: ${point.avg} vs ${expected[i].avg}`);
  });
}

test('raw: a short range is answered from raw rows, grouped by bucket', () => {
  const from = NOW - HOUR;
  const result = store.query('cpu.percent', from, NOW, 300);
  assert.equal(result.resolution, 'raw');
  assert.ok(result.points.length > 290 && result.points.length <= 300, String(result.points.length));
  assertPointsClose(result.points, expectedPoints(recent, 'raw', from, NOW, 300));
});

test('raw: bucket math on a handful of samples', () => {
  const from = NOW - 3 * MINUTE;
  store.writeSamples([1, 2, 3, 4, 5, 6].map((value, k) => ({ series: 'tiny', ts: from + k * 10_000, value })));
  store.flush();
  assert.deepEqual(store.query('tiny', from, from + 59_999, 3), {
    series: 'tiny',
    resolution: 'raw',
    points: [
      { t: from, avg: 2, min: 1, max: 3 },
      { t: from + 30_000, avg: 5, min: 4, max: 6 },
    ],
  });
});

test('1m: hours of data are answered from minute rollups with the same avg/min/max as raw rows', () => {
  const from = NOW - 6 * HOUR;
  const result = store.query('cpu.percent', from, NOW, 300);
  assert.equal(result.resolution, '1m');
  assert.equal(result.points.length, 180); // 2-minute buckets
  assertPointsClose(result.points, expectedPoints(recent, '1m', from, NOW, 300));
});

test('1h: days of data are answered from hour rollups', () => {
  const from = NOW - 10 * DAY;
  const result = store.query('disk.usedPercent:/', from, NOW, 200);
  assert.equal(result.resolution, '1h');
  assert.equal(result.points.length, 120); // 2-hour buckets
  assertPointsClose(result.points, expectedPoints(longRun, '1h', from, NOW, 200));
  const ts = result.points.map((p) => p.t);
  assert.deepEqual(ts, [...ts].sort((a, b) => a - b));
});

test('a range older than minute retention uses hour rollups even when short', () => {
  const result = store.query('disk.usedPercent:/', NOW - 40 * DAY, NOW - 39 * DAY, 1000);
  assert.equal(result.resolution, '1h');
});

test('after a retention pass with fewer raw hours, a range beyond them comes from minute rollups', () => {
  const { store: other } = OpsbarStore.open(join(tempDir(), 'opsbar.db'), { now: () => NOW });
  other.writeSamples(seriesSamples('cpu', NOW - 3 * HOUR, NOW, 2000));
  other.flush();
  assert.equal(other.query('cpu', NOW - 2 * HOUR, NOW - 2 * HOUR + 10 * MINUTE, 100).resolution, 'raw');
  other.runRetention({ rawHours: 1, minuteDays: 30, hourDays: 365, eventDays: 90, auditDays: 365, incidentDays: 365 }, NOW);
  const result = other.query('cpu', NOW - 2 * HOUR, NOW - 2 * HOUR + 10 * MINUTE, 100);
  assert.equal(result.resolution, '1m');
  assert.equal(result.points.length, 11); // from and to are both inclusive: 11 minute buckets
  other.close();
});

test('an unknown series gives no points, not an error; so does an empty range', () => {
  assert.deepEqual(store.query('no.such.series', NOW - HOUR, NOW, 100).points, []);
  assert.deepEqual(store.query('cpu.percent', NOW, NOW - HOUR, 100).points, []);
  assert.equal(store.query('cpu.percent', NOW - HOUR, NOW, 0).points.length, 1);
});

test('listSeries matches a literal, case-sensitive prefix', () => {
  assert.deepEqual(store.listSeries('disk.'), ['disk.usedPercent:/', 'disk.usedPercent:/home']);
  assert.deepEqual(store.listSeries('container.cpuPercent:'), ['container.cpuPercent:llm/ollama']);
  assert.deepEqual(store.listSeries('CPU'), []);
  assert.deepEqual(store.listSeries('%'), []);
  assert.deepEqual(store.listSeries(''), ['container.cpuPercent:llm/ollama', 'cpu.percent', 'disk.usedPercent:/', 'disk.usedPercent:/home', 'tiny']);
});
