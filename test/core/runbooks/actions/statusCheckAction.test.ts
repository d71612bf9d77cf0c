import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionRegistry, isActionName } from '../../../../electron/core/runbooks/actions/actionRegistry';
import { createStatusCheckAction } from '../../../../electron/core/runbooks/actions/statusCheckAction';
import type { Severity } from '../../../../shared/types/severity';
import type { StatusSnapshot } from '../../../../shared/types/status';

function snapshot(overall: Severity, lines: [string, Severity, string][]): StatusSnapshot {
  return {
    at: 0,
    overall,
    checks: lines.map(([label, severity, summary]) => ({ id: label, label, severity, summary })),
    system: null,
    docker: {} as StatusSnapshot['docker'],
    gpu: {} as StatusSnapshot['gpu'],
    models: {} as StatusSnapshot['models'],
    http: { at: 0, checks: [] },
  };
}

const signal = new AbortController().signal;

test('passes at most warning by default, reporting every line', async () => {
  const action = createStatusCheckAction(() => snapshot('warning', [['Disk /', 'warning', '4 GB free (92%)'], ['Docker', 'ok', '3 running']]));
  const result = await action.run({}, signal);
  assert.equal(result.passed, true);
  assert.deepEqual(result.checks[0], { label: 'overall status', expected: 'at most warning', actual: 'warning', passed: true });
  assert.deepEqual(result.checks[1], { label: 'Disk /', expected: 'at most warning', actual: 'warning: 4 GB free (92%)', passed: true });
  assert.equal(result.report, 'overall: warning (at most warning passes)\n[warning] Disk /: 4 GB free (92%)\n[ok] Docker: 3 running\n');
});

test('max-severity=ok fails on a warning; critical always fails', async () => {
  const warn = createStatusCheckAction(() => snapshot('warning', [['Disk /', 'warning', 'low']]));
  const strict = await warn.run({ 'max-severity': 'ok' }, signal);
  assert.equal(strict.passed, false);
  assert.equal(strict.checks.filter((c) => !c.passed).length, 2);
  const critical = await createStatusCheckAction(() => snapshot('critical', [['GPU', 'critical', '94 °C']])).run({}, signal);
  assert.equal(critical.passed, false);
});

test('validate refuses other severities', () => {
  const action = createStatusCheckAction(() => snapshot('ok', []));
  assert.deepEqual(action.validate({ 'max-severity': 'warning' }), []);
  assert.deepEqual(action.validate({ 'max-severity': 'critical' }), ['max-severity "critical" must be ok or warning']);
});

test('the registry finds actions by name and refuses duplicates and bad names', () => {
  const action = createStatusCheckAction(() => snapshot('ok', []));
  const registry = actionRegistry([action]);
  assert.equal(registry.get('status.check'), action);
  assert.equal(registry.get('nope'), undefined);
  assert.deepEqual(registry.names(), ['status.check']);
  assert.throws(() => actionRegistry([action, action]), /registered twice/);
  assert.throws(() => actionRegistry([{ ...action, name: 'Bad Name' }]), /invalid action name/);
  assert.equal(isActionName('docker.prune-images'), true);
  assert.equal(isActionName('status.check; rm -rf /'), false);
  assert.equal(isActionName('.check'), false);
});
