import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StepAttempt } from '../../../../shared/types/runbooks';
import { TestClock } from '../../../support/testClock';
import { FakeCatalog, harness, runbook } from './runbookRunnerHarness';

// A 5,000-step run slowed from 21 to 48 ms a step: every save published a deep clone of every
// attempt so far. Counted, not timed: the attempt copies all published run messages hold.
test('a long run copies each attempt a bounded number of times, not once per later step', async () => {
  const STEPS = 1000;
  const book = runbook('long-run', Array.from({ length: STEPS }, (_, i) => ({ id: `s${i}` })));
  const clock = new TestClock();
  const { runner, runs } = harness({ catalog: new FakeCatalog(book), clock });
  const started = runner.start({ runbookId: book.id, hash: book.hash, params: {}, mode: 'auto', trigger: 'operator', startedBy: 'operator' });
  const done = await runner.settled(started.id);
  assert.equal(done.state, 'succeeded');
  assert.equal(done.attempts.length, STEPS);

  const published = runs(started.id);
  assert.ok(published.length >= STEPS, 'every step publishes the run');
  const copies = new Set<StepAttempt>();
  for (const run of published) for (const attempt of run.attempts) copies.add(attempt);
  // One copy while running and one once finished, per attempt; a clone per message is ~n²/2.
  assert.ok(copies.size <= 2 * STEPS + 2, `${copies.size} attempt copies for ${STEPS} steps`);
  // Shared copies are still correct copies: the last message says what the store says.
  assert.deepEqual(published.at(-1)!.attempts, runner.get(started.id).attempts);
  assert.deepEqual(published.at(-1)!.steps.map((s) => s?.state), Array.from({ length: STEPS }, () => 'passed'));
});
