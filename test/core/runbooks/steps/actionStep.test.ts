import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionRegistry } from '../../../../electron/core/runbooks/actions/actionRegistry';
import { createStatusCheckAction } from '../../../../electron/core/runbooks/actions/statusCheckAction';
import { StepTimeoutError } from '../../../../electron/core/runbooks/run/stepAbort';
import { actionStepKind } from '../../../../electron/core/runbooks/steps/actionStep';
import type { OpsbarAction } from '../../../../electron/core/runbooks/steps/stepKind';
import type { StatusSnapshot } from '../../../../shared/types/status';
import { testStep } from './support/stepContext';

const status = (overall: StatusSnapshot['overall']): StatusSnapshot => ({
  at: 0,
  overall,
  checks: [{ id: 'disk', label: 'Disk /', severity: overall, summary: '41 GB free' }],
  system: null,
  docker: {} as StatusSnapshot['docker'],
  gpu: {} as StatusSnapshot['gpu'],
  models: {} as StatusSnapshot['models'],
  http: { at: 0, checks: [] },
});

function actionStep(body: string, actions: OpsbarAction[], attributes: Record<string, string> = {}) {
  return testStep({ kind: 'action', body, attributes, homeDir: '/', services: { actions: actionRegistry(actions) } });
}

test('validate: one action name; max-severity ok or warning', () => {
  assert.deepEqual(actionStepKind.validate({ body: 'status.check', attributes: { 'max-severity': 'ok' } }), []);
  assert.deepEqual(actionStepKind.validate({ body: 'unknown.but-valid', attributes: {} }), []);
  assert.equal(actionStepKind.validate({ body: 'status.check\nrm -rf /', attributes: {} }).length, 1);
  assert.equal(actionStepKind.validate({ body: 'Status Check', attributes: {} }).length, 1);
  assert.deepEqual(actionStepKind.validate({ body: 'status.check', attributes: { 'max-severity': 'critical' } }), ['max-severity "critical" must be ok or warning']);
  assert.deepEqual(actionStepKind.validate({ body: 'status.check', attributes: { force: 'yes' } }), ['unknown attribute force']);
});

test('status.check passes through the step, its report in the output', async () => {
  const step = actionStep('status.check', [createStatusCheckAction(() => status('ok'))], { 'max-severity': 'ok' });
  const result = await actionStepKind.execute(step.context);
  assert.equal(result.summary, 'status.check: passed');
  assert.ok(result.checks.every((c) => c.passed));
  assert.match(step.output(), /\[ok\] Disk \/: 41 GB free/);
});

test('a failing status fails the step and says why', async () => {
  const result = await actionStepKind.execute(actionStep('status.check', [createStatusCheckAction(() => status('warning'))], { 'max-severity': 'ok' }).context);
  assert.equal(result.checks.some((c) => !c.passed), true);
  assert.match(result.summary, /^status\.check: overall status warning \(expected at most ok\)/);
});

test('an unknown action fails at run time, listing the known ones', async () => {
  const result = await actionStepKind.execute(actionStep('docker.restart', [createStatusCheckAction(() => status('ok'))]).context);
  assert.deepEqual(result.checks, [{ label: 'action', expected: 'a known action', actual: 'unknown action docker.restart (known: status.check)', passed: false }]);
});

test('an attribute the action does not take is refused', async () => {
  const plain: OpsbarAction = { name: 'noop', attributes: [], validate: () => [], run: async () => ({ passed: true, checks: [], report: '' }) };
  const result = await actionStepKind.execute(actionStep('noop', [plain], { 'max-severity': 'ok' }).context);
  assert.equal(result.summary, 'noop does not take max-severity');
  const ok = await actionStepKind.execute(actionStep('noop', [plain]).context);
  assert.deepEqual(ok.checks, [{ label: 'noop', expected: 'passes', actual: 'passed', passed: true }]);
});

test('a throwing action is a failed check; a hung one ends with the timeout', async () => {
  const broken: OpsbarAction = { name: 'broken', attributes: [], validate: () => [], run: async () => Promise.reject(new Error('no snapshot yet')) };
  const failed = await actionStepKind.execute(actionStep('broken', [broken]).context);
  assert.equal(failed.summary, 'broken failed: no snapshot yet');
  let started: () => void = () => {};
  const running = new Promise<void>((resolve) => (started = resolve));
  const hung: OpsbarAction = { name: 'hung', attributes: [], validate: () => [], run: () => (started(), new Promise(() => {})) };
  const step = actionStep('hung', [hung]);
  void running.then(() => step.controller.abort(new StepTimeoutError(1_500)));
  const result = await actionStepKind.execute(step.context);
  assert.equal(result.summary, 'timed out after 1.5 s (hung did not finish)');
});
