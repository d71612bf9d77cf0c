import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuPercentBetween, cpuTimesFromOs } from '../../../../electron/core/monitors/system/cpuTimes';

test('cpuPercentBetween is the busy share of the time between two readings', () => {
  const before = { idle: 1000, total: 2000, cores: 2 };
  assert.equal(cpuPercentBetween(before, { idle: 1150, total: 2200, cores: 2 }), 25);
  assert.equal(cpuPercentBetween(before, { idle: 1000, total: 2100, cores: 2 }), 100);
  assert.equal(cpuPercentBetween(before, { idle: 1100, total: 2100, cores: 2 }), 0);
});

test('cpuPercentBetween without a previous reading gives the average since boot', () => {
  assert.equal(cpuPercentBetween(null, { idle: 750, total: 1000, cores: 4 }), 25);
});

test('cpuPercentBetween gives 0, not nonsense, when no time passed or counters went back', () => {
  const reading = { idle: 500, total: 1000, cores: 2 };
  assert.equal(cpuPercentBetween(reading, reading), 0);
  assert.equal(cpuPercentBetween(reading, { idle: 300, total: 600, cores: 1 }), 0);
  // A core going offline can shrink idle more than total: clamp to 0–100.
  assert.equal(cpuPercentBetween(reading, { idle: 400, total: 1010, cores: 1 }), 100);
});

test('cpuTimesFromOs sums os.cpus() times over cores', () => {
  const core = (user: number, idle: number) => ({ times: { user, nice: 0, sys: 10, idle, irq: 0 } });
  assert.deepEqual(cpuTimesFromOs([core(30, 60), core(10, 80)]), { idle: 140, total: 200, cores: 2 });
  assert.deepEqual(cpuTimesFromOs([]), { idle: 0, total: 0, cores: 1 });
});
