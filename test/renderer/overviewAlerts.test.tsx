/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { OpsEvent } from '../../shared/types/events';
import { ApiCallError } from '../../renderer/src/transport';
import { alertsSnapshot, alertView } from './alertFixtures';
import { createFakeTransport } from './fakeTransport';
import { opsEvent } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const MIN = 60_000;

/** Docker's die/start pairs of a restart loop, newest first, over `spanMs` ending now. */
function restartFlood(pairs: number, spanMs: number, firstId = 100): OpsEvent[] {
  const end = Date.now();
  const step = spanMs / (pairs * 2 - 1);
  const list: OpsEvent[] = [];
  for (let i = 0; i < pairs * 2; i++) {
    const kind = i % 2 === 0 ? 'container.die' : 'container.start';
    list.push(opsEvent(firstId + i, { at: end - spanMs + i * step, kind, subject: 'demo-loop', severity: i % 2 === 0 ? 'critical' : 'info', message: kind === 'container.die' ? 'demo-loop exited with code 1.' : 'demo-loop started.' }));
  }
  return list.reverse();
}

describe('Overview: firing alerts', () => {
  it('lists firing and pending alerts, a silence with its end and reason, and links each to its incident', async () => {
    const until = new Date();
    until.setHours(until.getHours() + 2, 0, 0, 0);
    const snapshot = alertsSnapshot([
      alertView(),
      alertView({ key: 'disk.free|disk:/', kind: 'disk.free', subject: 'disk:/', label: 'Disk /', summary: '8% free', severity: 'warning', state: 'pending', since: Date.now() - 40_000, firedAt: null, incidentId: null, count: undefined }),
      alertView({ key: 'gpu.memory|gpu:0', kind: 'gpu.memory', subject: 'gpu:0', label: 'GPU 0 memory', summary: '97% used', severity: 'critical', incidentId: 9, silence: { id: 3, until: until.getTime(), reason: 'load test' }, count: undefined }),
      alertView({ key: 'cpu|cpu', kind: 'cpu', subject: 'cpu', label: 'CPU', state: 'resolved', resolvedAt: Date.now() - 5 * MIN, incidentId: null }),
    ]);
    snapshot.alerts[1].firesAt = Date.now() + 80_000;
    renderApp(createFakeTransport({ 'alerts.list': () => snapshot }));
    const card = await screen.findByRole('region', { name: 'Firing alerts' });
    const items = await within(card).findAllByRole('listitem');
    assert.equal(items.length, 3, 'a resolved alert is not a firing one');
    assert.match(items[0].textContent ?? '', /P1 Critical.*Container demo-loop.*restarted 6 times in 10 min.*firing for 12m.*Incident #7/);
    assert.match(items[1].textContent ?? '', /Pending.*Disk \/.*8% free.*warning pending for 40s, fires in 2 min/);
    const hh = String(until.getHours()).padStart(2, '0');
    assert.match(items[2].textContent ?? '', new RegExp(`silenced until ${hh}:00 \\(load test\\)`));
    fireEvent.click(within(items[0]).getByRole('link', { name: 'Incident #7' }));
    assert.equal(window.location.hash, '#/incidents/7');
    await screen.findByText('No incidents. An incident opens when an alert fires at warning or worse.');
  });

  it('says so when nothing fires, follows live alerts messages, and shows an error it cannot load', async () => {
    const transport = createFakeTransport();
    renderApp(transport);
    const card = await screen.findByRole('region', { name: 'Firing alerts' });
    assert.ok(await within(card).findByText('No alerts firing.'));
    await act(async () => transport.emit({ type: 'alerts', alerts: alertsSnapshot([alertView()]) }));
    assert.ok(within(card).getByText('Container demo-loop'));
    // An older snapshot (a slow reload) never replaces a newer one.
    await act(async () => transport.emit({ type: 'alerts', alerts: alertsSnapshot([], Date.now() - 60_000) }));
    assert.ok(within(card).getByText('Container demo-loop'));
    cleanup();
    renderApp(
      createFakeTransport({
        'alerts.list': () => {
          throw new ApiCallError('internal', 'The alert engine is not running: the store could not be opened.');
        },
      }),
    );
    assert.ok(await screen.findByText('The alert engine is not running: the store could not be opened.'));
  });
});

describe('Overview: event floods and clocks', () => {
  it('shows a restart loop as one row with its count, and the events after it still', async () => {
    const events = [...restartFlood(6, 20_000), opsEvent(1, { at: Date.now() - 5 * MIN, subject: 'rag-qdrant-1', message: 'health check failed' })];
    const transport = createFakeTransport({ 'events.list': () => events });
    renderApp(transport);
    const panel = await screen.findByRole('region', { name: 'Recent events' });
    const rows = await within(panel).findAllByRole('listitem');
    assert.deepEqual(
      rows.map((r) => r.querySelector('.event-subject')?.textContent + ' ' + r.querySelector('.event-message')?.textContent),
      ['demo-loop restarted 6 times in 20 s', 'rag-qdrant-1 health check failed'],
    );
    assert.match(rows[0].textContent ?? '', /Critical/);
    // Enough events are asked for that a flood does not push the rest out.
    assert.ok((transport.calls.find((c) => c.method === 'events.list')?.payload as { limit: number }).limit >= 50);
    // The flood grows live: still one row, one more restart.
    await act(async () => transport.emit({ type: 'event', event: opsEvent(500, { at: Date.now(), kind: 'container.die', subject: 'demo-loop', severity: 'critical' }) }));
    await act(async () => transport.emit({ type: 'event', event: opsEvent(501, { at: Date.now(), kind: 'container.start', subject: 'demo-loop', severity: 'info' }) }));
    assert.equal(within(panel).getAllByRole('listitem').length, 2);
    assert.match(within(panel).getAllByRole('listitem')[0].textContent ?? '', /restarted 7 times in 2\d s/);
  });

  it('shows an event stamped ahead of this clock as "just now", with its absolute time in the title', async () => {
    const ahead = Date.now() + 90_000;
    renderApp(createFakeTransport({ 'events.list': () => [opsEvent(1, { at: ahead, message: 'demo-api started.' })] }));
    const panel = await screen.findByRole('region', { name: 'Recent events' });
    await within(panel).findByText('demo-api started.');
    const time = panel.querySelector('time');
    assert.equal(time?.textContent, 'just now');
    assert.equal(time?.getAttribute('title'), new Date(ahead).toLocaleString());
    assert.equal(panel.textContent?.includes('in the future'), false);
  });
});

describe('Header: the worst firing alert', () => {
  it('shows the worst firing alert beside the overall status, and nothing while none fires', async () => {
    const transport = createFakeTransport();
    renderApp(transport);
    await screen.findByRole('region', { name: 'Firing alerts' });
    assert.ok(screen.queryByLabelText('Worst firing alert') === null, 'no indicator while nothing fires');
    await act(async () =>
      transport.emit({
        type: 'alerts',
        alerts: { ...alertsSnapshot([alertView(), alertView({ key: 'disk.free|disk:/', kind: 'disk.free', subject: 'disk:/', severity: 'warning' })]), worstFiring: 'critical' },
      }),
    );
    const indicator = await screen.findByLabelText('Worst firing alert');
    assert.match(indicator.textContent ?? '', /P1 Critical · 2 alerts firing/);
    assert.equal(indicator.getAttribute('href'), '#/incidents');
  });
});
