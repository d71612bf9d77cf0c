/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { run, runMessage } from './runbookFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

describe('run history and schedules', () => {
  it('lists recent runs with state, runbook, trigger, duration and summary; filters by runbook; opens a run', async () => {
    const transport = createFakeTransport();
    renderApp(transport, 'runbooks/history');
    const runs = within(await screen.findByRole('region', { name: 'Recent runs' }));
    const failedRow = within(runs.getByRole('button', { name: 'Open run #41 of Docker answers' }).closest('tr') as HTMLElement);
    assert.ok(failedRow.getByText('failed'));
    assert.ok(failedRow.getByText('operator'));
    assert.ok(failedRow.getByText('1m 5s'));
    assert.ok(failedRow.getByText('1 step failed'));

    await waitFor(() => assert.ok(runs.getByRole('option', { name: 'Disk almost full' })));
    fireEvent.change(runs.getByRole('combobox'), { target: { value: 'disk-full' } });
    await waitFor(() => assert.deepEqual(transport.calls.filter((c) => c.method === 'runbooks.runs').at(-1)?.payload, { limit: 100, runbookId: 'disk-full' }));

    fireEvent.click(runs.getByRole('button', { name: 'Open run #42 of Docker answers' }));
    assert.equal(window.location.hash, '#/runbooks/run/42');
    await screen.findByRole('region', { name: 'Run summary' });
    await act(async () => {});
  });

  it('refetches the list when a run changes state', async () => {
    const transport = createFakeTransport();
    renderApp(transport, 'runbooks/history');
    await screen.findByRole('button', { name: 'Open run #41 of Docker answers' });
    const before = transport.calls.filter((c) => c.method === 'runbooks.runs').length;
    await act(async () => transport.emit(runMessage(run({ id: 43 }))));
    assert.equal(transport.calls.filter((c) => c.method === 'runbooks.runs').length, before + 1);
  });

  it('shows schedules with next run and last result, and the maintenance window', async () => {
    renderApp(createFakeTransport(), 'runbooks/history');
    const schedules = within(await screen.findByRole('region', { name: 'Schedules' }));
    await schedules.findByText('daily at 08:00');
    assert.ok(schedules.getByRole('button', { name: 'Open run #7' }).textContent?.includes('succeeded'));
    assert.ok(schedules.getByText('never'));
    assert.ok(schedules.getByText('(config)', { exact: false }));
    assert.match(schedules.getByLabelText('Maintenance window').textContent ?? '', /every Sunday at 03:00, 120 min\): next starts/);
  });
});
