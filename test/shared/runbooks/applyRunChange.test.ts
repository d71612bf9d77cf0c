import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyRunChange, runChange, runHeadOf } from '../../../shared/runbooks/applyRunChange';
import type { RunDetail, StepAttempt } from '../../../shared/types/runbooks';

function attempt(n: number, stepIndex: number, overrides: Partial<StepAttempt> = {}): StepAttempt {
  return {
    attempt: n, stepIndex, stepId: `s${stepIndex}`, state: 'passed', command: 'true', startedAt: n, endedAt: n + 1, exitCode: 0,
    output: '', outputBytes: 0, outputTruncated: false, checks: [], summary: 'exit code 0', note: '', ...overrides,
  };
}

function run(attempts: StepAttempt[], overrides: Partial<RunDetail> = {}): RunDetail {
  const detail: RunDetail = {
    id: 7, runbookId: 'book', runbookTitle: 'Book', hash: 'h', trigger: 'operator', startedBy: 'operator', mode: 'auto', state: 'running',
    startedAt: 0, endedAt: null, currentStep: 0, stepCount: 3, summary: '', params: {}, wait: null, steps: [], attempts, suggestedRunbook: null, notes: '',
    ...overrides,
  };
  return { ...detail, steps: [0, 1, 2].map((i) => attempts.filter((a) => a.stepIndex === i).at(-1) ?? null) };
}

const running = (n: number, stepIndex: number) => attempt(n, stepIndex, { state: 'running', endedAt: null, summary: 'running' });

test('a change adds a new attempt and updates a changed one by its number; steps are rebuilt', () => {
  const shown = run([attempt(1, 0), running(2, 1)], { currentStep: 1 });
  const next = applyRunChange(shown, runChange(runHeadOf(run([], { currentStep: 2 })), [attempt(2, 1), running(3, 2)]));
  assert.ok(next);
  assert.deepEqual(next.attempts.map((a) => [a.attempt, a.state]), [[1, 'passed'], [2, 'passed'], [3, 'running']]);
  assert.deepEqual(next.steps.map((s) => s?.attempt ?? null), [1, 2, 3]);
  assert.equal(next.currentStep, 2, 'the head fields come from the change');
});

test('a retry: the step shows its latest attempt, every attempt is kept; unreached steps are null', () => {
  const shown = run([attempt(1, 0), attempt(2, 1, { state: 'failed', exitCode: 1 })], { state: 'waiting', currentStep: 1 });
  const next = applyRunChange(shown, runChange(runHeadOf(run([], { currentStep: 1 })), [running(3, 1)]));
  assert.ok(next);
  assert.deepEqual(next.attempts.map((a) => a.attempt), [1, 2, 3]);
  assert.deepEqual(next.steps.map((s) => s?.attempt ?? null), [1, 3, null]);
  assert.equal(next.state, 'running');
});

test('nothing shown, or another run shown: null (the caller fetches the run)', () => {
  const change = runChange(runHeadOf(run([attempt(1, 0)])), [attempt(1, 0)]);
  assert.equal(applyRunChange(null, change), null);
  assert.equal(applyRunChange(run([], { id: 8 }), change), null);
});

test('a change older than what is shown (a fetch answered after it was sent) changes nothing', () => {
  const shown = run([attempt(1, 0), attempt(2, 1), attempt(3, 2)], { state: 'succeeded', endedAt: 10, currentStep: 2 });
  const stale = runChange(runHeadOf(run([], { currentStep: 1 })), [running(2, 1)]);
  assert.equal(applyRunChange(shown, stale), shown);
});
