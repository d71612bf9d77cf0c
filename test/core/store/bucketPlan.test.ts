import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseResolution, planBuckets, RESOLUTION_MS, type ResolutionInputs } from '../../../electron/core/store/bucketPlan';
import { DAY, HOUR, MINUTE, NOW } from './fixtures/storeFixtures';

const base = (overrides: Partial<ResolutionInputs>): ResolutionInputs => ({
  from: NOW - HOUR,
  to: NOW,
  maxPoints: 300,
  rawHorizon: NOW - 48 * HOUR,
  minuteHorizon: NOW - 30 * DAY,
  countRawRows: () => 0,
  ...overrides,
});

test('resolution: the coarsest table that still gives about maxPoints/2 points', () => {
  assert.equal(chooseResolution(base({ from: NOW - 30 * DAY, maxPoints: 1000 })), '1h'); // 720 hours
  assert.equal(chooseResolution(base({ from: NOW - 7 * DAY, maxPoints: 500 })), '1m'); // 168 hours < 250
  assert.equal(chooseResolution(base({ from: NOW - 6 * HOUR, maxPoints: 300 })), '1m'); // 360 minutes ≥ 150
  assert.equal(chooseResolution(base({ from: NOW - HOUR, maxPoints: 300, countRawRows: () => 1800 })), 'raw');
});

test('resolution: raw only within raw retention and when raw rows are at most 20 per point', () => {
  assert.equal(chooseResolution(base({ from: NOW - 49 * HOUR, to: NOW - 48.5 * HOUR })), '1m');
  assert.equal(chooseResolution(base({ from: NOW - 31 * DAY, to: NOW - 30.9 * DAY })), '1h');
  let askedCap = 0;
  const dense = (rows: number) => (cap: number) => ((askedCap = cap), Math.min(rows, cap));
  // One hour at 200 points: 60 minute rows would be too few, so raw rows are counted, up to 20 × 200 + 1.
  assert.equal(chooseResolution(base({ maxPoints: 200, countRawRows: dense(4000) })), 'raw');
  assert.equal(askedCap, 4001);
  assert.equal(chooseResolution(base({ maxPoints: 200, countRawRows: dense(4001) })), '1m');
});

test('buckets: never more than maxPoints groups, widths a whole number of table rows', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647), seed / 2147483647);
  for (let i = 0; i < 2000; i++) {
    const resolution = (['raw', '1m', '1h'] as const)[i % 3];
    const from = NOW - Math.floor(random() * 400 * DAY);
    const to = from + Math.floor(random() * 60 * DAY);
    const maxPoints = 1 + Math.floor(random() * 2000);
    const plan = planBuckets(resolution, from, to, maxPoints);
    const res = RESOLUTION_MS[resolution];
    assert.equal(plan.width % res, 0);
    assert.ok(plan.first <= from && from - plan.first < res);
    const group = (time: number) => plan.origin + (time - plan.origin - ((time - plan.origin) % plan.width));
    const groups = (group(to) - group(plan.first)) / plan.width + 1;
    assert.ok(groups <= maxPoints, `${resolution} ${from}..${to} into ${maxPoints}: ${groups} groups`);
  }
});

test('buckets are aligned to the epoch, so a sliding chart keeps its buckets', () => {
  const a = planBuckets('1m', NOW - 6 * HOUR, NOW, 300);
  const b = planBuckets('1m', NOW - 6 * HOUR + MINUTE, NOW + MINUTE, 300);
  assert.equal(a.width, 2 * MINUTE);
  assert.equal(a.origin, 0);
  assert.deepEqual([b.width, b.origin], [a.width, a.origin]);
});
