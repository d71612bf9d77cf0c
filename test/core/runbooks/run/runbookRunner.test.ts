import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunRefusedError, type StartRunRequest } from '../../../../electron/core/runbooks/run/runControl';
import { LIVE_OUTPUT_INTERVAL_MS, LIVE_OUTPUT_MAX_BYTES, LiveOutputThrottle, type LiveOutputPiece } from '../../../../electron/core/runbooks/run/liveOutputThrottle';
import { MAX_STEP_VISITS } from '../../../../electron/core/runbooks/run/runbookRunner';
import { stepKindRegistry } from '../../../../electron/core/runbooks/steps/registry';
import type { StepExecution } from '../../../../electron/core/runbooks/steps/stepKind';
import type { Runbook } from '../../../../shared/types/runbooks';
import { TestClock } from '../../../support/testClock';
import { FakeCatalog, fakeKind, harness, runbook, type StepSpec } from './runbookRunnerHarness';

const request = (book: Runbook, overrides: Partial<StartRunRequest> = {}): StartRunRequest => ({
  runbookId: book.id,
  hash: book.hash,
  params: {},
  mode: 'auto',
  trigger: 'operator',
  startedBy: 'operator',
  ...overrides,
});

function setup(steps: StepSpec[], options: Parameters<typeof runbook>[2] = {}) {
  const book = runbook('daily-check', steps, options);
  const catalog = new FakeCatalog(book);
  const clock = new TestClock();
  return { book, catalog, clock, ...harness({ catalog, clock }) };
}

const refused = (pattern: RegExp) => (error: unknown) => error instanceof RunRefusedError && pattern.test(error.message);

test('an auto run passes step after step, is recorded, published and audited', async () => {
  const { runner, store, book, calls, runs, catalog, dir } = setup([{ id: 'a' }, { id: 'b', body: null }, { id: 'c' }]);
  const started = runner.start(request(book, { startedBy: 'cli', trigger: 'cli' }));
  assert.equal(catalog.refreshes, 1, 'the catalog is re-read before a run');
  assert.equal(started.state, 'running');
  const done = await runner.settled(started.id);
  assert.equal(done.state, 'succeeded');
  assert.equal(done.summary, '3 steps passed');
  assert.deepEqual(done.steps.map((s) => s?.state), ['passed', 'passed', 'passed']);
  assert.deepEqual(calls.map((c) => c.opsbarEnv.OPSBAR_STEP_ID), ['a', 'c'], 'the prose step runs nothing');
  assert.deepEqual(calls[0].opsbarEnv, { OPSBAR_RUN_ID: String(started.id), OPSBAR_STEP_ID: 'a', OPSBAR_DATA_DIR: dir, OPSBAR_RUNBOOK_DIR: '/runbooks' });
  assert.equal(done.attempts[0].output, 'ok a\n');
  assert.equal(done.attempts[0].command, 'pass');
  assert.deepEqual(store.getRun(started.id), done, 'the store holds exactly what was published');
  assert.equal(runs(started.id).at(-1)?.state, 'succeeded');
  assert.equal(runner.activeRun(book.id), null);
  const audit = store.listAudit(10).reverse();
  assert.deepEqual(audit.map((e) => [e.actor, e.action, e.target, e.outcome]), [
    ['cli', 'runbook.start', `daily-check#${started.id}`, 'confirmed'],
    ['cli', 'runbook.step', `daily-check#${started.id}`, 'succeeded'],
    ['cli', 'runbook.step', `daily-check#${started.id}`, 'succeeded'],
    ['cli', 'runbook.end', `daily-check#${started.id}`, 'succeeded'],
  ]);
});

test('a failed verification stops an auto run at that step; later steps never run', async () => {
  const { runner, book, calls } = setup([{ id: 'a' }, { id: 'b', body: 'fail' }, { id: 'c' }]);
  const done = await runner.settled(runner.start(request(book)).id);
  assert.equal(done.state, 'failed');
  assert.equal(done.currentStep, 1);
  assert.equal(done.summary, "stopped at step 2 'Title b': exit code 1 (expected 0)");
  assert.deepEqual(calls.map((c) => c.opsbarEnv.OPSBAR_STEP_ID), ['a', 'b']);
  assert.deepEqual(done.steps.map((s) => s?.state ?? null), ['passed', 'failed', null]);
  assert.equal(done.steps[1]?.exitCode, 1);
  assert.equal(done.steps[1]?.checks[0].passed, false);
});

test('on-failure continue goes on; on-success stop ends the run succeeded', async () => {
  const { runner, book } = setup([{ id: 'a', body: 'fail', onFailure: { kind: 'continue' } }, { id: 'b', onSuccess: { kind: 'stop' } }, { id: 'c' }]);
  const done = await runner.settled(runner.start(request(book)).id);
  assert.equal(done.state, 'succeeded');
  assert.equal(done.summary, '1 step passed, 1 failed and went on, 1 not run');
});

test('on-failure goto jumps to the recovery step, which may come back', async () => {
  const { runner, book, calls } = setup([
    { id: 'check', body: 'flaky 1', onFailure: { kind: 'goto', stepId: 'fix' } },
    { id: 'done', onSuccess: { kind: 'stop' } },
    { id: 'fix', onSuccess: { kind: 'goto', stepId: 'check' } },
  ]);
  const done = await runner.settled(runner.start(request(book)).id);
  assert.equal(done.state, 'succeeded');
  assert.deepEqual(calls.map((c) => c.opsbarEnv.OPSBAR_STEP_ID), ['check', 'fix', 'check', 'done']);
  assert.deepEqual(done.attempts.map((a) => [a.attempt, a.stepId, a.state]), [
    [1, 'check', 'failed'],
    [2, 'fix', 'passed'],
    [3, 'check', 'passed'],
    [4, 'done', 'passed'],
  ]);
});

test('a goto loop fails the run once a step comes round too often', async () => {
  const { runner, book, calls } = setup([
    { id: 'check', body: 'fail', onFailure: { kind: 'goto', stepId: 'fix' } },
    { id: 'fix', onSuccess: { kind: 'goto', stepId: 'check' } },
  ]);
  const done = await runner.settled(runner.start(request(book)).id);
  assert.equal(done.state, 'failed');
  assert.equal(done.summary, `loop: step 'check' ran ${MAX_STEP_VISITS} times`);
  assert.equal(calls.filter((c) => c.opsbarEnv.OPSBAR_STEP_ID === 'check').length, MAX_STEP_VISITS);
});

test('on-failure runbook:X ends an auto run failed with X suggested', async () => {
  const { runner, book } = setup([{ id: 'a', body: 'fail', onFailure: { kind: 'runbook', runbookId: 'disk-full' } }, { id: 'b' }]);
  const done = await runner.settled(runner.start(request(book)).id);
  assert.equal(done.state, 'failed');
  assert.equal(done.suggestedRunbook, 'disk-full');
  assert.match(done.summary, /^stopped at step 1 'Title a': exit code 1 \(expected 0\); its failure path suggests the runbook disk-full$/);
});

test('guided: every step waits to be run or skipped; a prose step is acknowledged; notes stay with attempts', async () => {
  const { runner, book, calls, store } = setup([{ id: 'a' }, { id: 'b', body: null }, { id: 'c' }, { id: 'd' }]);
  const run = runner.start(request(book, { mode: 'guided' }));
  assert.equal(run.state, 'waiting');
  assert.deepEqual(run.wait, { kind: 'next-step' });
  assert.equal(calls.length, 0);
  runner.command(run.id, 0, 'run');
  let now = await runner.settled(run.id);
  assert.equal(now.currentStep, 1);
  assert.deepEqual(now.wait, { kind: 'next-step' });
  now = runner.command(run.id, 1, 'run');
  assert.equal(now.currentStep, 2, 'acknowledging prose passes it at once');
  now = runner.command(run.id, 2, 'skip', 'not today');
  assert.equal(now.currentStep, 3);
  runner.command(run.id, 3, 'run');
  const done = await runner.settled(run.id);
  assert.equal(done.state, 'succeeded');
  assert.equal(done.summary, '3 steps passed, 1 skipped');
  assert.deepEqual(done.steps.map((s) => s?.state), ['passed', 'passed', 'skipped', 'passed']);
  assert.equal(done.steps[2]?.note, 'not today');
  assert.deepEqual(calls.map((c) => c.opsbarEnv.OPSBAR_STEP_ID), ['a', 'd']);
  const actions = store.listAudit(20).reverse().map((e) => `${e.action}:${e.outcome}`);
  assert.deepEqual(actions, [
    'runbook.start:confirmed',
    'runbook.run:confirmed',
    'runbook.step:succeeded',
    'runbook.run:confirmed',
    'runbook.skip:confirmed',
    'runbook.run:confirmed',
    'runbook.step:succeeded',
    'runbook.end:succeeded',
  ]);
});

test('guided: a failed step waits with its failure path; retry makes a new attempt', async () => {
  const { runner, book } = setup([{ id: 'a', body: 'flaky 1' }, { id: 'b' }]);
  const run = runner.start(request(book, { mode: 'guided' }));
  runner.command(run.id, 0, 'run');
  let now = await runner.settled(run.id);
  assert.equal(now.state, 'waiting');
  assert.deepEqual(now.wait, { kind: 'failure', offer: { kind: 'stop' } });
  assert.throws(() => runner.command(run.id, 0, 'run'), refused(/failed: retry it, skip it, end the run as failed, or cancel the run; "run" does not apply/));
  runner.command(run.id, 0, 'retry', 'freed some space');
  now = await runner.settled(run.id);
  assert.deepEqual(now.attempts.map((a) => [a.attempt, a.stepIndex, a.state, a.note]), [
    [1, 0, 'failed', ''],
    [2, 0, 'passed', 'freed some space'],
  ]);
  assert.equal(now.steps[0]?.attempt, 2);
  assert.equal(now.currentStep, 1);
  runner.command(run.id, 1, 'run');
  assert.equal((await runner.settled(run.id)).state, 'succeeded');
});

test('guided: follow-failure takes the failure path (goto, runbook, stop); skip moves past a failure', async () => {
  const { runner, book } = setup([
    { id: 'a', body: 'fail', onFailure: { kind: 'goto', stepId: 'c' } },
    { id: 'b', body: 'fail', onFailure: { kind: 'runbook', runbookId: 'docker-down' } },
    { id: 'c', body: 'fail' },
  ]);
  let run = runner.start(request(book, { mode: 'guided' }));
  runner.command(run.id, 0, 'run');
  assert.deepEqual((await runner.settled(run.id)).wait, { kind: 'failure', offer: { kind: 'goto', stepId: 'c' } });
  let now = runner.command(run.id, 0, 'follow-failure', 'jumping');
  assert.equal(now.currentStep, 2);
  assert.deepEqual(now.wait, { kind: 'next-step' });
  assert.equal(now.notes, 'jumping');
  runner.command(run.id, 2, 'run');
  assert.deepEqual((await runner.settled(run.id)).wait, { kind: 'failure', offer: { kind: 'stop' } });
  now = runner.command(run.id, 2, 'follow-failure');
  assert.equal(now.state, 'failed');
  assert.match(now.summary, /^stopped at step 3 'Title c'/);

  run = runner.start(request(book, { mode: 'guided' }));
  runner.command(run.id, 0, 'run');
  await runner.settled(run.id);
  runner.command(run.id, 0, 'skip');
  runner.command(run.id, 1, 'run');
  assert.deepEqual((await runner.settled(run.id)).wait, { kind: 'failure', offer: { kind: 'runbook', runbookId: 'docker-down' } });
  now = runner.command(run.id, 1, 'follow-failure');
  assert.equal(now.state, 'failed');
  assert.equal(now.suggestedRunbook, 'docker-down');
  assert.deepEqual(now.steps.map((s) => s?.state ?? null), ['skipped', 'failed', null]);
});

test('a confirm step waits for confirm (or skip) unless preconfirmed; a manual step always waits', async () => {
  const steps: StepSpec[] = [
    { id: 'prune', confirm: 'Deletes dangling images' },
    { id: 'plug', kind: 'manual', body: 'Plug the disk into ${PORT}' },
    { id: 'after' },
  ];
  const params = [{ name: 'PORT', type: 'string' as const, description: 'port', required: false, default: 'usb-1' }];
  const { runner, book, calls } = setup(steps, { params });
  const run = runner.start(request(book));
  assert.deepEqual(run.wait, { kind: 'confirm', message: 'Deletes dangling images' });
  assert.throws(() => runner.command(run.id, 0, 'run'), refused(/waits for a confirmation/));
  runner.command(run.id, 0, 'confirm');
  let now = await runner.settled(run.id);
  assert.deepEqual(now.wait, { kind: 'manual', instruction: 'Plug the disk into usb-1' });
  runner.command(run.id, 1, 'confirm');
  now = await runner.settled(run.id);
  assert.equal(now.state, 'succeeded');
  assert.equal(now.steps[1]?.summary, 'operator confirmed');
  assert.equal(now.steps[1]?.command, 'Plug the disk into usb-1');
  assert.equal(calls.length, 2);

  const pre = runner.start(request(book, { preconfirmed: true, params: { PORT: 'usb-2' } }));
  now = await runner.settled(pre.id);
  assert.deepEqual(now.wait, { kind: 'manual', instruction: 'Plug the disk into usb-2' }, 'preconfirmed skips confirm, never a manual step');
  assert.equal(now.currentStep, 1);
  runner.command(pre.id, 1, 'skip');
  assert.equal((await runner.settled(pre.id)).summary, '2 steps passed, 1 skipped');
});

test('commands for another step, at the wrong moment or for an ended run are refused and audited', async () => {
  const { runner, book, store } = setup([{ id: 'a', body: 'hang' }, { id: 'b' }]);
  const run = runner.start(request(book, { mode: 'guided' }));
  assert.throws(() => runner.command(run.id, 1, 'run'), refused(/Step 2 is not the current step: run #1 is at step 1 'Title a'/));
  runner.command(run.id, 0, 'run');
  assert.throws(() => runner.command(run.id, 0, 'skip'), refused(/is running; wait for it to finish or cancel the run/));
  runner.cancel(run.id);
  const done = await runner.settled(run.id);
  assert.equal(done.state, 'cancelled');
  assert.throws(() => runner.command(run.id, 0, 'run'), refused(/Run #1 is cancelled/));
  assert.throws(() => runner.cancel(run.id), refused(/already ended \(cancelled\)/));
  assert.throws(() => runner.get(99), /No runbook run #99/);
  const failedCommands = store.listAudit(20).filter((e) => e.outcome === 'failed').map((e) => e.action);
  assert.deepEqual(failedCommands.sort(), ['runbook.run', 'runbook.skip']);
});

test('a start is refused when the file changed, the runbook is unknown or invalid, the params are bad, or it already runs', () => {
  const params = [
    { name: 'STACK', type: 'string' as const, description: 'stack', required: true, pattern: '[a-z]+' },
    { name: 'COUNT', type: 'number' as const, description: 'n', required: false, default: '1' },
  ];
  const { runner, book, catalog, store } = setup([{ id: 'a', body: 'hang' }], { params });
  assert.throws(
    () => runner.start(request(book, { hash: 'stale-hash-0123456789', params: { STACK: 'ok' } })),
    refused(/^Runbook daily-check changed on disk since it was shown \(hash stale-hash-0…, now hash-of-dail…\); reload and check the steps again$/),
  );
  assert.throws(() => runner.start(request(book, { runbookId: 'nope' })), refused(/There is no runbook "nope"/));
  catalog.invalid = [{ file: '/u/broken.md', origin: 'user', id: 'broken', problems: [{ file: '/u/broken.md', line: 4, message: 'unknown kind "shel"' }] }];
  assert.throws(() => runner.start(request(book, { runbookId: 'broken' })), refused(/has errors and cannot run: \/u\/broken.md:4: unknown kind "shel"/));
  assert.throws(() => runner.start(request(book, { params: {} })), refused(/STACK is required/));
  assert.throws(() => runner.start(request(book, { params: { STACK: 'x; rm -rf /', COUNT: 'two' } })), refused(/does not match the pattern.*COUNT must be a decimal/));
  assert.throws(() => runner.start(request(book, { params: { STACK: 'ok', EXTRA: '1' } })), refused(/Unknown parameter EXTRA/));
  assert.deepEqual(runner.list({ limit: 10 }), [], 'nothing refused was recorded as a run');
  assert.equal(store.listAudit(10).filter((e) => e.action === 'runbook.start' && e.outcome === 'failed').length, 6);

  const run = runner.start(request(book, { params: { STACK: 'ok' } }));
  assert.deepEqual(run.params, { STACK: 'ok', COUNT: '1' });
  assert.equal(runner.activeRun(book.id)?.id, run.id);
  assert.throws(() => runner.start(request(book, { params: { STACK: 'ok' } })), refused(/already running \(run #1\)/));
});

test('non-shell bodies get ${NAME} replaced; a shell body is passed verbatim with params beside it', async () => {
  const calls: StepExecution[] = [];
  const shell = { ...fakeKind(calls), name: 'shell' };
  const book = runbook('p', [
    { id: 'http', body: 'echo ${X}' },
    { id: 'sh', kind: 'shell', body: 'printf %s "${X}"' },
  ], { params: [{ name: 'X', type: 'string', description: 'x', required: true }] });
  const clock = new TestClock();
  const { runner } = harness({ catalog: new FakeCatalog(book), clock, kinds: stepKindRegistry([fakeKind(calls), shell]) });
  const done = await runner.settled(runner.start(request(book, { params: { X: '$(touch /tmp/x)' } })).id);
  assert.equal(done.state, 'succeeded');
  assert.equal(calls[0].expandedBody, 'echo $(touch /tmp/x)');
  assert.equal(calls[1].expandedBody, 'printf %s "${X}"');
  assert.equal(done.attempts[1].command, 'printf %s "${X}"');
  assert.deepEqual(calls[1].params, { X: '$(touch /tmp/x)' });
});

test('a kind that throws fails its step with the message; the run goes on by its failure path', async () => {
  const { runner, book } = setup([{ id: 'a', body: 'throw', onFailure: { kind: 'continue' } }, { id: 'b' }]);
  const done = await runner.settled(runner.start(request(book)).id);
  assert.equal(done.state, 'succeeded');
  assert.equal(done.steps[0]?.state, 'failed');
  assert.equal(done.steps[0]?.summary, 'the fake step failed: the kind fell over');
});

test('the hard timeout runs on the injected clock; a kind deaf to its signal is left behind', async () => {
  const { runner, book, clock } = setup([{ id: 'slow', body: 'hang', timeoutMs: 30_000, onFailure: { kind: 'continue' } }, { id: 'deaf', body: 'deaf', timeoutMs: 1_000 }]);
  const run = runner.start(request(book));
  await clock.advance(29_999);
  assert.equal(runner.get(run.id).state, 'running');
  await clock.advance(1);
  const now = runner.get(run.id);
  assert.equal(now.steps[0]?.state, 'failed');
  assert.equal(now.steps[0]?.summary, 'timed out after 30 s');
  assert.equal(now.currentStep, 1);
  await clock.advance(1_000);
  assert.equal(runner.get(run.id).state, 'running', 'the runner waits a while for the kill');
  await clock.advance(15_000);
  const done = await runner.settled(run.id);
  assert.equal(done.state, 'failed');
  assert.match(done.summary, /stopped at step 2 'Title deaf': timed out after 1 s; the step did not stop within 15 s/);
});

test('cancel aborts the running step and ends the run cancelled; a waiting run is cancelled at once', async () => {
  const { runner, book, calls, store } = setup([{ id: 'a', body: 'hang' }, { id: 'b' }]);
  const run = runner.start(request(book));
  runner.cancel(run.id);
  const done = await runner.settled(run.id);
  assert.equal(done.state, 'cancelled');
  assert.equal(done.summary, "cancelled at step 1 'Title a' while it ran");
  assert.equal(done.steps[0]?.state, 'cancelled');
  assert.ok(calls[0].signal.aborted);
  assert.equal(calls.length, 1);

  const guided = runner.start(request(book, { mode: 'guided' }));
  const cancelled = runner.cancel(guided.id);
  assert.equal(cancelled.state, 'cancelled');
  assert.equal(cancelled.summary, "cancelled at step 1 'Title a'");
  assert.deepEqual(store.listAudit(3).map((e) => `${e.action}:${e.outcome}`), ['runbook.end:cancelled', 'runbook.cancel:confirmed', 'runbook.start:confirmed']);
});

test('after a restart, unfinished runs are interrupted and resume guided from their step', async () => {
  const h = setup([{ id: 'a' }, { id: 'b', body: 'deaf' }, { id: 'c' }]);
  const run = h.runner.start(request(h.book));
  await h.clock.advance(0);
  assert.equal(h.runner.get(run.id).currentStep, 1);
  h.catalog.byId.set('other', runbook('other', [{ id: 'x' }]));
  const waiting = h.runner.start(request(runbook('other', [{ id: 'x' }]), { mode: 'guided' }));

  // The app dies: a second runner opens the same database.
  const after = h.restart();
  const interrupted = after.runner.get(run.id);
  assert.equal(interrupted.state, 'interrupted');
  assert.equal(interrupted.currentStep, 1);
  assert.deepEqual(interrupted.attempts.map((a) => a.state), ['passed', 'interrupted']);
  assert.equal(after.runner.get(waiting.id).state, 'interrupted');
  assert.equal(after.runner.activeRun(h.book.id), null);
  assert.ok(after.store.listAudit(10).some((e) => e.action === 'runbook.end' && e.target === `daily-check#${run.id}` && e.details.state === 'interrupted'));

  assert.throws(() => after.runner.command(run.id, 1, 'run'), refused(/interrupted; resume it first/));
  h.catalog.byId.set('daily-check', { ...h.book, hash: 'edited' });
  assert.throws(() => after.runner.resume(run.id), refused(/changed on disk since it was shown/));
  h.catalog.byId.set('daily-check', { ...h.book, steps: h.book.steps.map((s) => (s.id === 'b' ? { ...s, block: { ...s.block!, body: 'pass' } } : s)) });

  const resumed = after.runner.resume(run.id);
  assert.equal(resumed.mode, 'guided');
  assert.equal(resumed.state, 'waiting');
  assert.equal(resumed.currentStep, 1);
  assert.equal(resumed.endedAt, null);
  assert.throws(() => after.runner.resume(run.id), refused(/already waiting/));
  after.runner.command(run.id, 1, 'run');
  await after.runner.settled(run.id);
  after.runner.command(run.id, 2, 'run');
  const done = await after.runner.settled(run.id);
  assert.equal(done.state, 'succeeded');
  assert.deepEqual(done.attempts.map((a) => `${a.stepId}:${a.state}`), ['a:passed', 'b:interrupted', 'b:passed', 'c:passed']);
  assert.equal(after.store.getRun(run.id)?.mode, 'guided');

  const gaveUp = after.runner.cancel(waiting.id);
  assert.equal(gaveUp.state, 'cancelled');
  assert.throws(() => after.runner.resume(waiting.id), refused(/is cancelled; only an interrupted run can be resumed/));
});

test('shutdown aborts running steps, records runs interrupted and refuses new starts', async () => {
  const { runner, book, store, calls, catalog } = setup([{ id: 'a', body: 'hang' }]);
  const running = runner.start(request(book));
  const other = runbook('other', [{ id: 'x' }]);
  catalog.byId.set(other.id, other);
  const waiting = runner.start(request(other, { mode: 'guided' }));
  await runner.shutdown();
  assert.ok(calls[0].signal.aborted);
  assert.equal(store.getRun(running.id)?.state, 'interrupted');
  assert.equal(store.getRun(running.id)?.steps[0]?.state, 'interrupted');
  assert.equal(store.getRun(waiting.id)?.state, 'interrupted');
  assert.throws(() => runner.start(request(book)), refused(/Opsbar is stopping/));
});

test('runs list newest first, per runbook, with paging', async () => {
  const { runner, book } = setup([{ id: 'a' }]);
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) ids.push((await runner.settled(runner.start(request(book)).id)).id);
  assert.deepEqual(runner.list({ limit: 10 }).map((r) => r.id), [...ids].reverse());
  assert.deepEqual(runner.list({ limit: 1, runbookId: book.id, beforeId: ids[2] }).map((r) => r.id), [ids[1]]);
  assert.deepEqual(runner.list({ limit: 5, runbookId: 'nope' }), []);
});

test('live output: one bounded message per interval, the newest text, cut at a whole character, the rest counted as skipped', async () => {
  const { runner, book, output, clock } = setup([{ id: 'loud', body: 'print 1000000' }]);
  const done = await runner.settled(runner.start(request(book)).id);
  const chunks = output(done.id);
  assert.equal(chunks.length, 1, 'the clock never moved: one message when the step ended');
  assert.equal(chunks[0].totalBytes, 1_000_000);
  assert.equal(Buffer.byteLength(chunks[0].text) + chunks[0].skipped, 1_000_000);
  assert.ok(Buffer.byteLength(chunks[0].text) <= LIVE_OUTPUT_MAX_BYTES);
  assert.equal(chunks[0].attempt, 1);

  const sent: LiveOutputPiece[] = [];
  const throttle = new LiveOutputThrottle(clock, (piece) => sent.push(piece));
  for (let i = 0; i < 50; i++) throttle.write('€'.repeat(1000)); // 3 bytes each: the cut lands inside one
  await clock.advance(LIVE_OUTPUT_INTERVAL_MS);
  throttle.write('tail');
  throttle.close();
  throttle.write('after close');
  assert.equal(sent.length, 2);
  assert.ok(!sent[0].text.includes('\uFFFD') && /^€+$/.test(sent[0].text));
  assert.ok(Buffer.byteLength(sent[0].text) <= LIVE_OUTPUT_MAX_BYTES);
  assert.equal(Buffer.byteLength(sent[0].text) + sent[0].skipped, 150_000);
  assert.deepEqual(sent[1], { text: 'tail', totalBytes: 150_004, skipped: 0 });
});
