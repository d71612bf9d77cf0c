// The run page kept current by live `run` messages that carry only the attempts that changed.
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import type { RunDetail } from '../../shared/types/runbooks';
import { createFakeTransport } from './fakeTransport';
import { attempt, run, runMessage, runWaitingAt } from './runbookFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const stepStates = () => screen.getAllByRole('img').map((i) => i.getAttribute('aria-label'));
const runState = () => screen.getByRole('status', { name: 'Run state' }).textContent ?? '';
const running = (stepIndex: number, n: number) => attempt({ stepIndex, attempt: n, state: 'running', endedAt: null, exitCode: null, output: '' });

describe('live run changes', () => {
  it('a change carries only the changed attempts: the others stay as shown', async () => {
    const transport = createFakeTransport({ 'runbooks.run': () => runWaitingAt(1, { kind: 'next-step' }) });
    renderApp(transport, 'runbooks/run/42');
    await screen.findByRole('region', { name: 'Run summary' });
    const head = run({ state: 'running', wait: null, currentStep: 1 });
    await act(async () => transport.emit(runMessage(head, [running(1, 2)])));
    assert.deepEqual(stepStates(), ['passed', 'running', 'pending']);
    const ended = run({ state: 'failed', wait: null, currentStep: 2, endedAt: Date.now() });
    await act(async () => transport.emit(runMessage(ended, [attempt({ stepIndex: 1, attempt: 2 }), attempt({ stepIndex: 2, attempt: 3, state: 'failed' })])));
    assert.deepEqual(stepStates(), ['passed', 'passed', 'failed']);
    assert.match(runState(), /failed/);
    assert.equal(transport.calls.filter((c) => c.method === 'runbooks.run').length, 1, 'no refetch while changes fold');
  });

  it('a change that comes before the run was fetched makes the page fetch it again, and it never goes back', async () => {
    const older = runWaitingAt(1, { kind: 'next-step' });
    const attempts = [attempt({ stepIndex: 0 }), attempt({ stepIndex: 1, attempt: 2 }), attempt({ stepIndex: 2, attempt: 3 })];
    const newer = run({ state: 'succeeded', wait: null, currentStep: 2, endedAt: Date.now(), steps: attempts, attempts });
    let answerFirst: (value: RunDetail) => void = () => {};
    let fetches = 0;
    const transport = createFakeTransport({
      'runbooks.run': () => (++fetches === 1 ? new Promise<RunDetail>((resolve) => (answerFirst = resolve)) : newer),
    });
    renderApp(transport, 'runbooks/run/42');
    await waitFor(() => assert.equal(fetches, 1));
    // The run moved on (and ended) while the first fetch was in flight; that fetch answers with older state.
    await act(async () => transport.emit(runMessage(newer, [attempts[2]!])));
    await act(async () => answerFirst(older));
    await waitFor(() => assert.match(runState(), /succeeded/));
    assert.equal(fetches, 2);
    assert.deepEqual(stepStates(), ['passed', 'passed', 'passed']);
  });
});
