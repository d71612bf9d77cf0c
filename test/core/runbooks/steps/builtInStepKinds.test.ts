import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtInStepKinds } from '../../../../electron/core/runbooks/steps/builtInStepKinds';
import { manualStepKind } from '../../../../electron/core/runbooks/steps/manualStep';
import { stepKindRegistry } from '../../../../electron/core/runbooks/steps/registry';
import { testStep } from './support/stepContext';

test('the built-in kinds are the five of the spec, registered once each', () => {
  const registry = stepKindRegistry(builtInStepKinds);
  assert.deepEqual(registry.names(), ['action', 'container-health', 'http', 'manual', 'shell']);
  for (const kind of builtInStepKinds) {
    assert.equal(registry.get(kind.name), kind);
    for (const common of ['id', 'timeout', 'confirm', 'on-failure', 'on-success']) assert.ok(!kind.attributes.includes(common));
  }
});

test('manual needs an operator and records the confirmation', async () => {
  assert.equal(manualStepKind.needsOperator, true);
  assert.deepEqual(manualStepKind.validate({ body: 'Unplug the NAS', attributes: {} }), []);
  assert.equal(manualStepKind.validate({ body: ' \n', attributes: {} }).length, 1);
  const result = await manualStepKind.execute(testStep({ kind: 'manual', body: 'Unplug the NAS', homeDir: '/' }).context);
  assert.deepEqual(result, { exitCode: null, checks: [{ label: 'operator confirmed', expected: 'done', actual: 'confirmed', passed: true }], summary: 'operator confirmed' });
});
