/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ApiPayload } from '../../shared/api/contract';
import { ApiCallError } from '../../renderer/src/transport';
import { auditRecord } from './alertFixtures';
import { createFakeTransport } from './fakeTransport';
import { renderApp } from './renderApp';

afterEach(cleanup);

type AuditPayload = ApiPayload<'audit.list'>;

/** 120 rows, ids 120 → 1 newest first, answered as the core would (beforeId, limit). */
function pagedAudit() {
  const all = Array.from({ length: 120 }, (_, i) => auditRecord(120 - i, { action: i % 2 === 0 ? 'silence.add' : 'runbook.run', target: `target-${120 - i}` }));
  return (p: AuditPayload) =>
    all
      .filter((r) => p.beforeId === undefined || r.id < p.beforeId)
      .filter((r) => p.kind === undefined || r.action.startsWith(`${p.kind}.`))
      .slice(0, p.limit ?? 200);
}

describe('Audit page', () => {
  it('lists rows newest first with time, actor, action, target, outcome, and details on demand', async () => {
    const transport = createFakeTransport({
      'audit.list': () => [
        auditRecord(2, { action: 'settings.update', target: 'notifications.webhooks', actor: 'dashboard', outcome: 'succeeded', details: { changes: [{ path: 'notifications.webhooks' }] } }),
        auditRecord(1, { action: 'runbook.step', target: 'disk-space-emergency #3', actor: 'schedule', outcome: 'failed', details: {} }),
      ],
    });
    renderApp(transport, 'audit');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    assert.equal(rows.length, 2);
    assert.match(rows[0].textContent ?? '', /\d\d:\d\d \(2 min ago\)dashboardsettings\.updatenotifications\.webhookssucceededDetails/);
    assert.match(rows[1].textContent ?? '', /schedulerunbook\.stepdisk-space-emergency #3failed—/);
    const details = rows[0].querySelector('details')!;
    assert.equal(details.open, false);
    assert.match(details.querySelector('pre')?.textContent ?? '', /"path": "notifications.webhooks"/);
    // Last 7 days by default.
    const payload = transport.calls.find((c) => c.method === 'audit.list')?.payload as AuditPayload;
    assert.equal(payload.kind, undefined);
    assert.ok(payload.from !== undefined && Math.abs(Date.now() - 7 * 86_400_000 - payload.from) < 60_000);
  });

  it('filters by kind and time range, and loads older rows with beforeId', async () => {
    const transport = createFakeTransport({ 'audit.list': pagedAudit() });
    renderApp(transport, 'audit');
    await screen.findByText('target-120');
    assert.equal(document.querySelectorAll('tbody tr').length, 50);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('target-70');
    assert.equal(document.querySelectorAll('tbody tr').length, 100);
    assert.equal((transport.calls.filter((c) => c.method === 'audit.list').at(-1)?.payload as AuditPayload).beforeId, 71);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('target-1');
    assert.equal(document.querySelectorAll('tbody tr').length, 120);
    assert.equal(screen.queryByRole('button', { name: 'Load more' }), null);
    assert.ok(screen.getByText('That is everything for this filter.'));

    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'silence' } });
    // A boolean, not the element: a failed assert on a DOM node inspects the whole jsdom graph (minutes).
    await waitFor(() => assert.ok(screen.queryByText('target-119') === null, 'runbook rows still shown'));
    assert.ok(screen.getByText('target-120'));
    assert.equal((transport.calls.filter((c) => c.method === 'audit.list').at(-1)?.payload as AuditPayload).kind, 'silence');
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: 'all' } });
    await waitFor(() => assert.equal((transport.calls.filter((c) => c.method === 'audit.list').at(-1)?.payload as AuditPayload).from, undefined));
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: 'hour' } });
    await waitFor(() => {
      const from = (transport.calls.filter((c) => c.method === 'audit.list').at(-1)?.payload as AuditPayload).from;
      assert.ok(from !== undefined && Math.abs(Date.now() - 3_600_000 - from) < 60_000);
    });
  });

  it('says what it records when nothing matches, and shows an error it can retry', async () => {
    renderApp(createFakeTransport(), 'audit');
    assert.ok(await screen.findByText(/Nothing recorded for this kind and time/));
    cleanup();
    let fail = true;
    renderApp(
      createFakeTransport({
        'audit.list': () => {
          if (fail) throw new ApiCallError('internal', 'The audit table could not be read: disk I/O error.');
          return [auditRecord(1)];
        },
      }),
      'audit',
    );
    assert.ok(await screen.findByText('The audit table could not be read: disk I/O error.'));
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    assert.ok(await screen.findByText('container.restart_loop:demo-loop'));
  });
});
