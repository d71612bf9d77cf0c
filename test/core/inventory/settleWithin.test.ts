import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settleWithin } from '../../../electron/core/inventory';
import { TestClock } from '../../support/testClock';

test('a value, an error, a thrown error or a string rejection, each in words', async () => {
  const clock = new TestClock();
  assert.deepEqual(await settleWithin(async () => 42, 1_000, clock), { ok: true, value: 42 });
  assert.deepEqual(await settleWithin(() => Promise.reject(new Error('nope')), 1_000, clock), { ok: false, error: 'nope' });
  assert.deepEqual(
    await settleWithin(() => {
      throw new Error('sync');
    }, 1_000, clock),
    { ok: false, error: 'sync' },
  );
  assert.deepEqual(await settleWithin(() => Promise.reject('plain'), 1_000, clock), { ok: false, error: 'plain' });
  assert.equal(clock.pendingTimers, 0);
});

test('past the deadline: no answer; a late rejection is dropped without an unhandled rejection', async () => {
  const clock = new TestClock();
  let reject!: (e: Error) => void;
  const outcome = settleWithin(() => new Promise<number>((_, r) => (reject = r)), 1_500, clock);
  await clock.advance(1_500);
  assert.deepEqual(await outcome, { ok: false, error: 'no answer in 1.5 s' });
  reject(new Error('too late'));
  await new Promise((r) => setImmediate(r));
});
