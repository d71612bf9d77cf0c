// GPU memory at 99 % or more while an out-of-memory kill was seen within the window is an
// emergency; without the OOM it is the reading's own severity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpsEvent } from '../../../shared/types/events';
import { tempDir } from '../../support/tempDir';
import { condition, openAlertHarness } from './alertSupport';

const gpuFull = () =>
  condition('gpu.memory', 'gpu:0:memory', 'critical', { module: 'gpu', group: 'gpu:0', measure: { value: 99.5, direction: 'above', warning: 90, critical: 97, unit: '%' } });

test('GPU memory ≥ 99 % with an OOM event in the window escalates to emergency', () => {
  const harness = openAlertHarness(tempDir(), { settings: (s) => ({ ...s, alerts: { ...s.alerts, rules: { 'gpu.memory': { for: 0 } } } }) });
  harness.conditions = [gpuFull()];
  assert.deepEqual(harness.sample().map((t) => [t.change, t.alert.severity]), [['fired', 'critical']]);
  const oom: OpsEvent = { id: 1, at: harness.clock.now(), source: 'docker', kind: 'container.oom', severity: 'critical', subject: 'trainer', message: '', attributes: {} };
  harness.system.observeEvent(oom);
  const changes = harness.sample().filter((t) => t.alert.kind === 'gpu.memory');
  assert.deepEqual(changes.map((t) => [t.change, t.alert.severity]), [['escalated', 'emergency']]);
  harness.clock.jump(10 * 60_000 + 1);
  assert.deepEqual(harness.sample().filter((t) => t.alert.kind === 'gpu.memory').map((t) => [t.change, t.alert.severity]), [['deescalated', 'critical']]);
  harness.close();
});
