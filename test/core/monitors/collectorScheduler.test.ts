import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Collector } from '../../../electron/core/monitors/collector';
import { CollectorScheduler, type CollectorResult } from '../../../electron/core/monitors/collectorScheduler';
import { silentLogger } from '../../../electron/core/logger';
import { ManualClock, flushPromises } from '../../support/manualClock';

function countingCollector(id: string, intervalMs: number, behaviour: (n: number) => Promise<number>): Collector & { calls: number; requestCollect?: () => void } {
  const collector = {
    id,
    intervalMs,
    calls: 0,
    requestCollect: undefined as undefined | (() => void),
    start(hooks: { requestCollect(): void }) {
      collector.requestCollect = () => hooks.requestCollect();
    },
    async collect() {
      collector.calls++;
      const value = await behaviour(collector.calls);
      return { snapshot: { value }, samples: [{ series: `${id}.value`, ts: 0, value }] };
    },
  };
  return collector;
}

test('runs each collector at its interval and reports results', async () => {
  const clock = new ManualClock();
  const results: CollectorResult[] = [];
  const scheduler = new CollectorScheduler(clock, { onResult: (r) => results.push(r), onEvent() {} }, silentLogger);
  const fast = countingCollector('fast', 1_000, async (n) => n);
  const slow = countingCollector('slow', 5_000, async (n) => n);
  await scheduler.start([fast, slow]);
  assert.equal(fast.calls, 1);
  assert.equal(slow.calls, 1);
  await clock.advance(5_000);
  assert.equal(fast.calls, 6);
  assert.equal(slow.calls, 2);
  assert.ok(results.every((r) => r.error === null));
  await scheduler.stop();
  await clock.advance(10_000);
  assert.equal(fast.calls, 6, 'no collection after stop');
});

test('a failing collect is a result with the error, and the loop goes on', async () => {
  const clock = new ManualClock();
  const results: CollectorResult[] = [];
  const scheduler = new CollectorScheduler(clock, { onResult: (r) => results.push(r), onEvent() {} }, silentLogger);
  const flaky = countingCollector('flaky', 1_000, async (n) => {
    if (n === 2) throw new Error('nvidia-smi timed out');
    return n;
  });
  await scheduler.start([flaky]);
  await clock.advance(2_000);
  assert.deepEqual(
    results.map((r) => r.error),
    [null, 'nvidia-smi timed out', null],
  );
  await scheduler.stop();
});

test('requests during a collection coalesce into one more run, never overlapping', async () => {
  const clock = new ManualClock();
  const scheduler = new CollectorScheduler(clock, { onResult() {}, onEvent() {} }, silentLogger);
  let release: () => void = () => {};
  let inFlight = 0;
  let maxInFlight = 0;
  const gated = countingCollector('gated', 60_000, async (n) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (n === 2) await new Promise<void>((resolve) => (release = resolve));
    inFlight--;
    return n;
  });
  await scheduler.start([gated]);
  gated.requestCollect!();
  await clock.advance(100); // second collection starts and blocks
  assert.equal(gated.calls, 2);
  for (let i = 0; i < 5; i++) gated.requestCollect!();
  release();
  await flushPromises();
  await clock.advance(100);
  assert.equal(gated.calls, 3, 'five requests during a run give exactly one more run');
  assert.equal(maxInFlight, 1);
  await scheduler.stop();
});
