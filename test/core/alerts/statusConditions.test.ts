// Conditions from a status: a module without `alertConditions` gives its checks that carry
// `alert` (warning/critical 1:1, ok and unknown do not hold); the core's "history not saved" line is `store.unwritable`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../../shared/config/settingsSchema';
import type { StatusCheck, StatusSnapshot } from '../../../shared/types/status';
import { statusConditions } from '../../../electron/core/alerts/statusConditions';
import type { AnyMonitorModule } from '../../../electron/core/monitors/monitorModule';

test('checks with an alert kind are the conditions of a module without alertConditions; the core line is store.unwritable', () => {
  const checks: StatusCheck[] = [
    { id: 'gpu', label: 'GPU', severity: 'warning', summary: 'nvidia-smi does not answer', alert: 'gpu.unavailable' },
    { id: 'gpu:0:temperature', label: 'GPU 0 temperature', severity: 'ok', summary: '60 °C', alert: 'gpu.temperature' },
    { id: 'gpu:1:memory', label: 'GPU 1 memory', severity: 'unknown', summary: '?', alert: 'gpu.memory' },
    { id: 'gpu:info', label: 'GPU driver', severity: 'critical', summary: 'no alert kind' },
    { id: 'history', label: 'History', severity: 'warning', summary: 'History is not being saved: disk full' },
    { id: 'maintenance', label: 'Maintenance window', severity: 'ok', summary: 'open' },
  ];
  const status = { at: 1, overall: 'warning', checks, gpu: null } as unknown as StatusSnapshot;
  const gpu = { id: 'gpu' } as unknown as AnyMonitorModule;
  const owner = (id: string) => (id.startsWith('gpu') ? 'gpu' : null);
  const conditions = statusConditions(status, [gpu], owner, defaultSettings());
  assert.deepEqual(
    conditions.map((c) => [c.kind, c.subject, c.module, c.severity]),
    [
      ['gpu.unavailable', 'gpu', 'gpu', 'warning'],
      ['store.unwritable', 'history', 'opsbar', 'warning'],
    ],
  );
});
