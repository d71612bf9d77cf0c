/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { RunDetail } from '../../shared/types/runbooks';
import { HEAD_CHARS, TAIL_CHARS } from '../../renderer/src/runbooks/outputBuffer';
import { createFakeTransport, type FakeTransport } from './fakeTransport';
import { attempt, chunk, run, runMessage, runWaitingAt } from './runbookFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

function fakeRun(initial: RunDetail): FakeTransport {
  return createFakeTransport({
    'runbooks.run': () => initial,
    'runbooks.step': () => ({ ...initial, state: 'running', wait: null }),
    'runbooks.cancel': () => ({ ...initial, state: 'cancelled', wait: null, endedAt: Date.now() }),
    'runbooks.resume': () => ({ ...initial, state: 'running', wait: null }),
  });
}

async function openRun(transport: FakeTransport, runId = 42) {
  renderApp(transport, `runbooks/run/${runId}`);
  await screen.findByRole('region', { name: 'Run summary' });
  await act(async () => {});
}

/**
 * Clicks a button once it takes clicks: while a command is in flight the step's buttons are
 * disabled, so a click right after the previous call was sent (a loaded machine has not yet
 * rendered its answer) would be lost. Waits for the state, not for a time.
 */
async function clickWhenEnabled(find: () => HTMLElement): Promise<void> {
  await waitFor(() => assert.equal((find() as HTMLButtonElement).disabled, false));
  fireEvent.click(find());
}

const stepCalls = (t: FakeTransport) => t.calls.filter((c) => c.method === 'runbooks.step').map((c) => c.payload);
const currentStep = () => within(document.querySelector('[aria-current="step"]') as HTMLElement);

describe('guided run view', () => {
  it('fetches the run on load (a reloaded page finds it) with its summary and the runbook steps', async () => {
    const transport = fakeRun(run({ params: { MODE: 'full' } }));
    await openRun(transport);
    assert.deepEqual(transport.calls.find((c) => c.method === 'runbooks.run')?.payload, { runId: 42 });
    assert.equal(screen.getByRole('status', { name: 'Run state' }).getAttribute('aria-live'), 'polite');
    assert.match(screen.getByRole('status', { name: 'Run state' }).textContent ?? '', /waiting/);
    const summary = within(screen.getByRole('region', { name: 'Run summary' }));
    assert.ok(summary.getByText('MODE=full'));
    assert.ok(summary.getByText(/by operator/));
    const steps = within(screen.getByRole('list', { name: 'Steps' }));
    assert.equal(steps.getAllByRole('img', { name: 'pending' }).length, 3);
    assert.ok(steps.getByText('Engine responds'));
    assert.ok(currentStep().getByText('Asks the daemon for its version.'));
  });

  it('next-step: Run and Skip send the shown step with the note', async () => {
    const transport = fakeRun(run());
    await openRun(transport);
    fireEvent.change(currentStep().getByLabelText(/Note/), { target: { value: 'checked by Ana' } });
    fireEvent.click(currentStep().getByRole('button', { name: 'Run' }));
    await waitFor(() => assert.equal(stepCalls(transport).length, 1));
    assert.deepEqual(stepCalls(transport)[0], { runId: 42, stepIndex: 0, command: 'run', note: 'checked by Ana' });
  });

  it('confirm: shows the message, Confirm & run sends confirm, Skip sends skip', async () => {
    const transport = fakeRun(runWaitingAt(1, { kind: 'confirm', message: 'Deletes dangling images' }));
    await openRun(transport);
    assert.ok(currentStep().getByText(/Deletes dangling images/, { selector: '.wait-prompt' }));
    fireEvent.click(currentStep().getByRole('button', { name: 'Skip' }));
    await waitFor(() => assert.deepEqual(stepCalls(transport), [{ runId: 42, stepIndex: 1, command: 'skip' }]));
  });

  it('confirm & run sends confirm for the current step', async () => {
    const transport = fakeRun(runWaitingAt(1, { kind: 'confirm', message: 'Deletes dangling images' }));
    await openRun(transport);
    fireEvent.click(currentStep().getByRole('button', { name: 'Confirm & run' }));
    await waitFor(() => assert.deepEqual(stepCalls(transport), [{ runId: 42, stepIndex: 1, command: 'confirm' }]));
  });

  it('manual: shows the instruction; Done sends confirm', async () => {
    const transport = fakeRun(runWaitingAt(2, { kind: 'manual', instruction: 'Check the GPU fans spin.' }));
    await openRun(transport);
    assert.ok(currentStep().getByText('Check the GPU fans spin.', { selector: '.wait-prompt' }));
    fireEvent.click(currentStep().getByRole('button', { name: 'Done' }));
    await waitFor(() => assert.deepEqual(stepCalls(transport), [{ runId: 42, stepIndex: 2, command: 'confirm' }]));
  });

  it('failure: Retry, Skip, the failure path by name, and Cancel run', async () => {
    const failed = attempt({ stepIndex: 1, state: 'failed', exitCode: 1, output: 'Error: no space left\n', summary: 'exit code 1', checks: [{ label: 'exit code', expected: '0', actual: '1', passed: false }] });
    const initial = runWaitingAt(1, { kind: 'failure', offer: { kind: 'goto', stepId: 'engine-responds' } });
    initial.steps[1] = failed;
    initial.attempts.push(failed);
    // The core answers with the same waiting run: every button stays for the next click.
    const transport = createFakeTransport({ 'runbooks.run': () => initial, 'runbooks.step': () => initial, 'runbooks.cancel': () => ({ ...initial, state: 'cancelled', wait: null }) });
    await openRun(transport);
    const step = currentStep();
    assert.ok(step.getByRole('img', { name: 'failed' }));
    assert.equal(step.getByLabelText('Output of Prune dangling images').textContent, 'Error: no space left\n');
    assert.ok(step.getByText('exit code 1', { selector: '.chip' }));
    const checks = within(step.getByRole('table'));
    assert.deepEqual(checks.getAllByRole('cell').map((c) => c.textContent), ['exit code', '0', '1', '✗ fail']);
    await clickWhenEnabled(() => step.getByRole('button', { name: 'Retry' }));
    await waitFor(() => assert.equal(stepCalls(transport).length, 1));
    await clickWhenEnabled(() => step.getByRole('button', { name: 'Go to step “Engine responds”' }));
    await waitFor(() => assert.equal(stepCalls(transport).length, 2));
    await clickWhenEnabled(() => step.getByRole('button', { name: 'Skip' }));
    await waitFor(() => assert.equal(stepCalls(transport).length, 3));
    assert.deepEqual(stepCalls(transport), [
      { runId: 42, stepIndex: 1, command: 'retry' },
      { runId: 42, stepIndex: 1, command: 'follow-failure' },
      { runId: 42, stepIndex: 1, command: 'skip' },
    ]);
    await clickWhenEnabled(() => step.getByRole('button', { name: 'Cancel run' }));
    await waitFor(() => assert.deepEqual(transport.calls.filter((c) => c.method === 'runbooks.cancel').map((c) => c.payload), [{ runId: 42 }]));
  });

  it('failure pointing to another runbook: "Open runbook Y" follows it, then opens that runbook', async () => {
    const initial = runWaitingAt(2, { kind: 'failure', offer: { kind: 'runbook', runbookId: 'gpu-hang' } });
    const transport = createFakeTransport({ 'runbooks.run': () => initial, 'runbooks.step': () => ({ ...initial, state: 'failed', wait: null, suggestedRunbook: 'gpu-hang' }) });
    await openRun(transport);
    fireEvent.click(currentStep().getByRole('button', { name: 'Open runbook gpu-hang' }));
    await waitFor(() => assert.equal(window.location.hash, '#/runbooks?id=gpu-hang'));
    assert.deepEqual(stepCalls(transport), [{ runId: 42, stepIndex: 2, command: 'follow-failure' }]);
  });

  it('running: Cancel run; live run messages update the view; the suggested runbook is linked', async () => {
    const running = run({ state: 'running', wait: null, steps: [attempt({ stepIndex: 0, state: 'running', endedAt: null, exitCode: null, output: '' }), null, null] });
    const transport = fakeRun(running);
    await openRun(transport);
    assert.ok(currentStep().getByRole('img', { name: 'running' }));
    assert.equal(currentStep().queryByRole('button', { name: 'Run' }), null);
    fireEvent.click(currentStep().getByRole('button', { name: 'Cancel run' }));
    await waitFor(() => assert.equal(transport.calls.filter((c) => c.method === 'runbooks.cancel').length, 1));
    await waitFor(() => assert.match(screen.getByRole('status', { name: 'Run state' }).textContent ?? '', /cancelled/));

    // A live message about another run changes nothing; one about this run does.
    await act(async () => transport.emit(runMessage(run({ id: 99, state: 'succeeded' }))));
    assert.match(screen.getByRole('status', { name: 'Run state' }).textContent ?? '', /cancelled/);
    const attempts = [attempt({ stepIndex: 0 }), attempt({ stepIndex: 1, attempt: 2, state: 'skipped' }), attempt({ stepIndex: 2, attempt: 3, state: 'failed' })];
    const done = run({ state: 'failed', wait: null, endedAt: Date.now(), suggestedRunbook: 'gpu-hang', steps: attempts, attempts });
    await act(async () => transport.emit(runMessage(done)));
    assert.match(screen.getByRole('status', { name: 'Run state' }).textContent ?? '', /failed/);
    assert.deepEqual(
      screen.getAllByRole('img').map((i) => i.getAttribute('aria-label')),
      ['passed', 'skipped', 'failed'],
    );
    fireEvent.click(screen.getByRole('button', { name: 'open runbook gpu-hang' }));
    assert.equal(window.location.hash, '#/runbooks?id=gpu-hang');
  });

  it('appends live output for the running attempt and bounds it (head + tail, bytes not shown)', async () => {
    const running = run({ state: 'running', wait: null, steps: [attempt({ stepIndex: 0, state: 'running', endedAt: null, exitCode: null, output: '' }), null, null] });
    const transport = fakeRun(running);
    await openRun(transport);
    const output = () => currentStep().getByLabelText('Output of Engine responds').textContent ?? '';
    await act(async () => transport.emit({ type: 'run-output', chunk: chunk({ text: 'pulling layers\n' }) }));
    await act(async () => transport.emit({ type: 'run-output', chunk: chunk({ text: '\u001b[32mdone\u001b[0m\n', totalBytes: 15 + 14 }) }));
    await act(async () => transport.emit({ type: 'run-output', chunk: chunk({ runId: 41, text: 'other run\n' }) }));
    assert.equal(output(), 'pulling layers\ndone\n');

    // The core skipped 1 MB between messages; then far more than the browser keeps arrives.
    const big = 'x'.repeat(HEAD_CHARS + TAIL_CHARS);
    await act(async () => transport.emit({ type: 'run-output', chunk: chunk({ text: 'after gap\n', skipped: 1_000_000, totalBytes: 29 + 1_000_000 + 10 }) }));
    await act(async () => transport.emit({ type: 'run-output', chunk: chunk({ text: `${big}END`, totalBytes: 29 + 1_000_010 + big.length + 3 }) }));
    const text = output();
    assert.ok(text.startsWith('pulling layers\ndone\n…'), 'the head is not kept');
    assert.ok(text.endsWith('xEND'), 'the tail is not kept');
    assert.ok(text.length < HEAD_CHARS + TAIL_CHARS + 200, `the browser kept ${text.length} characters`);
    // Not shown: what the core skipped, plus what the browser dropped from the middle to keep TAIL_CHARS.
    const dropped = 10 + big.length + 3 - TAIL_CHARS;
    assert.ok(text.includes(`… ${(1_000_000 + dropped).toLocaleString('en-US')} bytes not shown`), 'the gap is not marked');
  });

  it('an interrupted run offers Resume', async () => {
    const transport = fakeRun(run({ state: 'interrupted', wait: null, steps: [attempt({ stepIndex: 0, state: 'interrupted' }), null, null] }));
    await openRun(transport);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => assert.deepEqual(transport.calls.filter((c) => c.method === 'runbooks.resume').map((c) => c.payload), [{ runId: 42 }]));
    await waitFor(() => assert.match(screen.getByRole('status', { name: 'Run state' }).textContent ?? '', /running/));
  });

  it('an ended run offers Run again: a new guided run with the same params, on the runbook as shown', async () => {
    const transport = createFakeTransport({
      'runbooks.run': (p) => (p.runId === 42 ? run({ state: 'failed', wait: null, endedAt: Date.now(), params: { MODE: 'full' } }) : run({ id: p.runId })),
      'runbooks.start': () => run({ id: 43 }),
    });
    await openRun(transport);
    fireEvent.click(screen.getByRole('button', { name: 'Run again' }));
    await waitFor(() => assert.equal(transport.calls.filter((c) => c.method === 'runbooks.start').length, 1));
    const start = transport.calls.find((c) => c.method === 'runbooks.start')?.payload as { id: string; hash: string; params: unknown; mode: string };
    assert.deepEqual({ ...start, hash: start.hash.length }, { id: 'docker-answers', hash: 64, params: { MODE: 'full' }, mode: 'guided' });
    await waitFor(() => assert.equal(window.location.hash, '#/runbooks/run/43'));
  });

  it('a waiting run offers no Run again', async () => {
    await openRun(fakeRun(run()));
    assert.equal(screen.queryByRole('button', { name: 'Run again' }), null);
  });

  it('a refused command is shown to the operator', async () => {
    const transport = createFakeTransport({
      'runbooks.run': () => run(),
      'runbooks.step': () => Promise.reject(new Error('Step 1 is not the current step (the page is stale).')),
    });
    await openRun(transport);
    fireEvent.click(currentStep().getByRole('button', { name: 'Run' }));
    assert.ok(await screen.findByText('Step 1 is not the current step (the page is stale).'));
  });
});

describe('tries at a step', () => {
  it('counts tries per step, not the run-wide attempt number', async () => {
    // The core numbers attempts within the run: step 1 was attempt 1, so step 2's tries are 2 and 3.
    const first = attempt({ stepIndex: 1, attempt: 2, state: 'failed', exitCode: 1, summary: 'exit code 1' });
    const second = attempt({ stepIndex: 1, attempt: 3, state: 'failed', exitCode: 1, summary: 'exit code 1' });
    const initial = runWaitingAt(1, { kind: 'failure', offer: { kind: 'stop' } });
    initial.steps[1] = second;
    initial.attempts.push(first, second);
    await openRun(fakeRun(initial));
    const step = currentStep();
    assert.ok(step.getByText('try 2', { selector: '.chip' }));
    assert.equal(step.queryByText('attempt 3'), null);
    assert.ok(step.getByText('Earlier tries (1)'));
    assert.ok(step.getByText(/try 1: exit code 1/));
  });

  it('shows no try chip on a first try, even when it is not the run’s first attempt', async () => {
    const only = attempt({ stepIndex: 1, attempt: 2, state: 'failed', exitCode: 0, summary: 'exit code 0, expected output not found' });
    const initial = runWaitingAt(1, { kind: 'failure', offer: { kind: 'stop' } });
    initial.steps[1] = only;
    initial.attempts.push(only);
    await openRun(fakeRun(initial));
    const step = currentStep();
    assert.equal(step.queryByText(/^try \d/), null);
    // The summary already says the exit code: no chip repeats it.
    assert.equal(step.queryByText('exit code 0', { selector: '.chip' }), null);
    assert.ok(step.getByText('exit code 0, expected output not found'));
  });
});
