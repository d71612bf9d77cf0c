import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClock } from '../../../support/testClock';
import { FakeCatalog, harness, runbook } from './runbookRunnerHarness';

// Each live `run` message used to carry every attempt so far, so a 5,000-step run serialised
// ~3 MB per step per subscriber. Counted in bytes, not timed: a message about step 1,000 is about
// as big as one about step 10, and the whole run's messages grow linearly with its steps.
test('a long run publishes messages of a flat size: the changed attempts, not every attempt so far', async () => {
  const STEPS = 1000;
  const book = runbook('long-run', Array.from({ length: STEPS }, (_, i) => ({ id: `s${i}` })));
  const { runner, messages, runs } = harness({ catalog: new FakeCatalog(book), clock: new TestClock() });
  const started = runner.start({ runbookId: book.id, hash: book.hash, params: {}, mode: 'auto', trigger: 'operator', startedBy: 'operator' });
  const done = await runner.settled(started.id);
  assert.equal(done.state, 'succeeded');

  const sized = messages.flatMap((m) => (m.type === 'run' && m.run.id === started.id ? [{ step: m.run.currentStep, bytes: Buffer.byteLength(JSON.stringify(m)) }] : []));
  const largestAt = (step: number) => Math.max(...sized.filter((m) => m.step === step).map((m) => m.bytes));
  const early = largestAt(9);
  const late = largestAt(STEPS - 1);
  assert.ok(late <= 2 * early, `a message at step ${STEPS} has ${late} bytes, one at step 10 ${early}`);
  const total = sized.reduce((sum, m) => sum + m.bytes, 0);
  assert.ok(total <= 2 * sized.length * early, `${total} bytes in ${sized.length} messages (step 10: ${early} bytes)`);
  // Folded together, the messages still say what the store says.
  assert.deepEqual(runs(started.id).at(-1), runner.get(started.id));
});
