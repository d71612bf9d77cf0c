/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import type { StatusSnapshot } from '../../shared/types/status';
import { ApiCallError } from '../../renderer/src/transport';
import { createFakeTransport } from './fakeTransport';
import { statusSnapshot } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

describe('loading, error and connection states', () => {
  it('shows loading until the status arrives', async () => {
    let answer!: (value: StatusSnapshot) => void;
    renderApp(createFakeTransport({ 'status.get': () => new Promise<StatusSnapshot>((resolve) => (answer = resolve)) }));
    assert.ok(screen.getByText('Loading status…'));
    assert.ok(screen.getByText('Unknown'), 'the header says unknown until a status arrives');
    await act(async () => answer(statusSnapshot()));
    assert.equal(screen.queryByText('Loading status…'), null);
    assert.ok(screen.getByText('studio.local'));
  });

  it('shows an error with a retry that works', async () => {
    let failures = 1;
    const transport = createFakeTransport({
      'status.get': () => {
        if (failures-- > 0) throw new ApiCallError('unavailable', 'The status is not collected yet.');
        return statusSnapshot();
      },
    });
    renderApp(transport);
    const alert = await screen.findByRole('alert');
    assert.match(alert.textContent ?? '', /Could not load the status.*The status is not collected yet\./);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    assert.ok(await screen.findByText('studio.local'));
    assert.equal(screen.queryByRole('alert'), null);
  });

  it('shows a reconnecting banner while live updates are down, and refetches after reconnect', async () => {
    const transport = createFakeTransport();
    renderApp(transport);
    await screen.findByText('studio.local');
    assert.ok(screen.getByText('live'));
    const before = transport.calls.filter((c) => c.method === 'status.get').length;

    await act(async () => transport.setConnection('reconnecting'));
    assert.match(screen.getByRole('status').textContent ?? '', /Disconnected from Opsbar — reconnecting…/);
    assert.ok(screen.getByText('reconnecting…'));

    await act(async () => transport.setConnection('connected'));
    assert.equal(screen.queryByText(/Disconnected from Opsbar/), null);
    assert.equal(transport.calls.filter((c) => c.method === 'status.get').length, before + 1, 'status is fetched again after a reconnect');
  });

  it('tells the operator to open the serve link again when the session expired', async () => {
    const transport = createFakeTransport();
    renderApp(transport);
    await screen.findByText('studio.local');
    await act(async () => transport.setConnection('unauthorized'));
    const alert = screen.getByRole('alert');
    assert.equal(alert.textContent, 'Session expired. Open the link printed by opsbar serve again.');
    assert.equal(alert.querySelector('code')?.textContent, 'opsbar serve');
  });
});
