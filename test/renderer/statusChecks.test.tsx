/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { runbooksForCheck } from '../../shared/runbooks/suggestions';
import type { RunbookSummary } from '../../shared/types/runbooks';
import type { StatusCheck } from '../../shared/types/status';
import { StatusChecks } from '../../renderer/src/components/StatusChecks';

const runbook = (id: string, triggers: string[], severity: RunbookSummary['severity'] = 'critical'): RunbookSummary => ({
  id, title: `Title of ${id}`, category: 'incident', severity, estimatedMinutes: 10, triggers, schedule: null, origin: 'builtin',
  file: `/r/${id}.md`, hash: 'h', stepCount: 3, executableSteps: 3, needsOperator: true, description: '',
});
const library = [runbook('disk-space-emergency', ['disk.free']), runbook('db-down', ['container.unhealthy', 'db.connection']), runbook('api-down', ['container.unhealthy'], 'emergency')];
const disk = (severity: StatusCheck['severity']): StatusCheck => ({ id: 'disk:/', label: 'Disk /', severity, summary: '2 GB free (99% used)', alert: 'disk.free' });

test('a check in trouble is answered by the runbooks whose triggers name its alert, worst situation first', () => {
  assert.deepEqual(runbooksForCheck(disk('critical'), library).map((r) => r.id), ['disk-space-emergency']);
  assert.deepEqual(runbooksForCheck({ ...disk('warning'), alert: 'container.unhealthy' }, library).map((r) => r.id), ['api-down', 'db-down']);
  assert.deepEqual(runbooksForCheck(disk('ok'), library), []);
  assert.deepEqual(runbooksForCheck(disk('unknown'), library), []);
  assert.deepEqual(runbooksForCheck({ ...disk('critical'), alert: undefined }, library), []);
});

test('the checks list links the suggested runbook and opens it by id', () => {
  const opened: string[] = [];
  const view = render(<StatusChecks checks={[disk('critical'), { id: 'cpu', label: 'CPU', severity: 'ok', summary: '3%' }]} runbooks={library} onOpenRunbook={(id) => opened.push(id)} />);
  try {
    fireEvent.click(view.getByRole('button', { name: 'Runbook: Title of disk-space-emergency' }));
    assert.deepEqual(opened, ['disk-space-emergency']);
    assert.equal(view.queryAllByRole('button').length, 1, 'an ok check suggests nothing');
  } finally {
    cleanup();
  }
});
