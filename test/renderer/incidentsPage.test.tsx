/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { IncidentDetail, IncidentWeek } from '../../shared/types/incidents';
import type { WeeklyChartFactory } from '../../renderer/src/components/incidents/weeklyChart';
import { OpsbarContext } from '../../renderer/src/hooks/opsbarContext';
import { IncidentsPage, NO_INCIDENTS } from '../../renderer/src/pages/IncidentsPage';
import { ApiCallError } from '../../renderer/src/transport';
import { alertsSnapshot, alertView, incidentDetail, incidentSummary, incidentWeeks } from './alertFixtures';
import { createFakeTransport } from './fakeTransport';
import { renderApp } from './renderApp';

afterEach(cleanup);

/** A promise the test settles itself: a call that is still running. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Incidents page', () => {
  it('says how an incident opens when there is none', async () => {
    renderApp(createFakeTransport(), 'incidents');
    assert.ok(await screen.findByText(NO_INCIDENTS));
    assert.equal(screen.queryByRole('region', { name: 'Incident' }), null);
  });

  it("shows the core's message when the list cannot be loaded, and retries", async () => {
    let fail = true;
    const transport = createFakeTransport({
      'incidents.list': () => {
        if (fail) throw new ApiCallError('internal', 'The incident store could not be read: database is locked.');
        return [incidentSummary()];
      },
    });
    renderApp(transport, 'incidents');
    const panel = await screen.findByRole('region', { name: 'Incidents' });
    assert.ok(await within(panel).findByText('The incident store could not be read: database is locked.'));
    fail = false;
    fireEvent.click(within(panel).getByRole('button', { name: 'Retry' }));
    assert.ok(await within(panel).findByText('demo-loop is in a restart loop'));
  });

  it('lists open incidents first with severity, priority, opened time, TTA / TTR and what fires', async () => {
    const transport = createFakeTransport({
      'incidents.list': () => [
        incidentSummary(),
        incidentSummary({ id: 3, title: 'Disk / almost full', severity: 'emergency', state: 'resolved', openedAt: Date.now() - 3 * 86_400_000, resolvedAt: Date.now() - 3 * 86_400_000 + 600_000, ttaMs: 65_000, ttrMs: 600_000, firingCount: 0, alertCount: 1 }),
      ],
      'incidents.get': (p) => incidentDetail({ id: p.id }),
    });
    renderApp(transport, 'incidents');
    const list = await screen.findByRole('list', { name: 'Incidents list' });
    const rows = within(list).getAllByRole('listitem');
    assert.equal(rows.length, 2);
    assert.match(rows[0].textContent ?? '', /P1 Critical.*demo-loop is in a restart loop.*Open.*opened 12 min ago · TTA — · TTR — · 1 of 2 alerts firing/);
    assert.match(rows[1].textContent ?? '', /P0 Emergency.*Disk \/ almost full.*Resolved.*opened 3 d ago · TTA 1m 5s · TTR 10m · 1 alert, none firing/);
    // Without an id in the address, the first (open) one is shown.
    const detail = await screen.findByRole('region', { name: 'Incident' });
    assert.ok(await within(detail).findByRole('heading', { name: 'demo-loop is in a restart loop' }));
    // The Nav counts open incidents.
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    await waitFor(() => assert.match(within(nav).getByRole('link', { name: /Incidents/ }).textContent ?? '', /Incidents1/));
  });

  it("shows the selected incident's timeline by type, its alerts and the runbooks they link to", async () => {
    const transport = createFakeTransport({ 'incidents.list': () => [incidentSummary()], 'incidents.get': (p) => incidentDetail({ id: p.id }) });
    renderApp(transport, 'incidents/7');
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const entries = within(timeline).getAllByRole('listitem').map((li) => li.querySelector('.timeline-label')?.textContent);
    assert.deepEqual(entries, ['Opened', 'Alert fired', 'Notified', 'Note']);
    assert.ok(within(timeline).getByText('Looking at the logs'));
    const alerts = screen.getByRole('region', { name: 'Incident alerts' });
    assert.match(alerts.textContent ?? '', /Critical.*Container demo-loop.*container.restart_loop.*firing/);
    assert.match(alerts.textContent ?? '', /Warning.*Container demo-api.*resolved 2 min ago/);
    const link = within(screen.getByRole('region', { name: 'Incident runbooks' })).getByRole('link', { name: 'Runbook: Model server down' });
    assert.equal(link.getAttribute('href'), '#/runbooks/model-server-down');
    assert.deepEqual(transport.calls.find((c) => c.method === 'incidents.get')?.payload, { id: 7 });
  });

  it('acknowledges (disabled while the call runs), adds a note, and resolves only after confirming', async () => {
    const ack = deferred<IncidentDetail>();
    const transport = createFakeTransport({
      'incidents.list': () => [incidentSummary()],
      'incidents.get': (p) => incidentDetail({ id: p.id }),
      'incidents.ack': () => ack.promise,
      'incidents.note': (p) => {
        const base = incidentDetail({ acknowledgedAt: Date.now(), acknowledgedBy: 'dashboard', ttaMs: 720_000 });
        return { ...base, timeline: [...base.timeline, { id: 9, at: Date.now(), type: 'note', text: p.text, actor: 'dashboard', details: {} }] };
      },
      'incidents.resolve': () => incidentDetail({ state: 'resolved', resolvedAt: Date.now(), resolvedBy: 'dashboard', ttaMs: 720_000, ttrMs: 780_000, firingCount: 0 }),
    });
    renderApp(transport, 'incidents/7');
    const button = await screen.findByRole('button', { name: 'Acknowledge' });
    fireEvent.click(button);
    const running = await screen.findByRole('button', { name: 'Acknowledging…' });
    assert.equal((running as HTMLButtonElement).disabled, true);
    assert.equal((screen.getByRole('button', { name: 'Resolve…' }) as HTMLButtonElement).disabled, true);
    await act(async () => ack.resolve(incidentDetail({ acknowledgedAt: Date.now(), acknowledgedBy: 'dashboard', ttaMs: 720_000 })));
    const done = await screen.findByRole('button', { name: 'Acknowledged' });
    assert.equal((done as HTMLButtonElement).disabled, true);
    assert.match(screen.getByRole('region', { name: 'Incident' }).textContent ?? '', /TTA 12m · TTR —.*acknowledged by dashboard/);

    fireEvent.change(screen.getByLabelText('Note'), { target: { value: '  restarted the db  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    assert.ok(await screen.findByText('restarted the db'));
    assert.deepEqual(transport.calls.find((c) => c.method === 'incidents.note')?.payload, { id: 7, text: 'restarted the db' });
    assert.equal((screen.getByLabelText('Note') as HTMLTextAreaElement).value, '');

    fireEvent.click(screen.getByRole('button', { name: 'Resolve…' }));
    assert.equal(transport.calls.some((c) => c.method === 'incidents.resolve'), false, 'resolved before it was confirmed');
    const confirm = screen.getByRole('group', { name: 'Confirm resolve' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Resolve incident' }));
    await waitFor(() => assert.match(screen.getByRole('region', { name: 'Incident' }).textContent ?? '', /TTR 13m/));
    assert.deepEqual(transport.calls.find((c) => c.method === 'incidents.resolve')?.payload, { id: 7 });
  });

  it("shows a refused action's message from the error envelope and keeps the incident as it was", async () => {
    const transport = createFakeTransport({
      'incidents.list': () => [incidentSummary()],
      'incidents.get': (p) => incidentDetail({ id: p.id }),
      'incidents.ack': () => {
        throw new ApiCallError('refused', 'Incident #7 is already resolved: there is nothing to acknowledge.');
      },
    });
    renderApp(transport, 'incidents/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    assert.equal((await screen.findByRole('alert')).textContent, 'Incident #7 is already resolved: there is nothing to acknowledge.');
    assert.equal((screen.getByRole('button', { name: 'Acknowledge' }) as HTMLButtonElement).disabled, false);
  });

  it('follows live incident and alerts messages: a new incident appears, the open one reloads', async () => {
    let detail = incidentDetail();
    const transport = createFakeTransport({ 'incidents.list': () => [incidentSummary()], 'incidents.get': () => detail });
    renderApp(transport, 'incidents/7');
    await screen.findByRole('heading', { name: 'demo-loop is in a restart loop' });
    await act(async () => transport.emit({ type: 'incident', incident: incidentSummary({ id: 8, title: 'GPU 0 memory at 99%', severity: 'emergency', openedAt: Date.now() }) }));
    const list = screen.getByRole('list', { name: 'Incidents list' });
    assert.deepEqual(
      within(list).getAllByRole('listitem').map((li) => li.querySelector('.incident-title')?.textContent),
      ['GPU 0 memory at 99%', 'demo-loop is in a restart loop'],
    );
    await waitFor(() => assert.match(within(screen.getByRole('navigation', { name: 'Pages' })).getByRole('link', { name: /Incidents/ }).textContent ?? '', /Incidents2/));
    detail = { ...detail, timeline: [...detail.timeline, { id: 10, at: Date.now(), type: 'alert-resolved', text: 'Container demo-loop is running again', actor: 'opsbar', details: {} }] };
    await act(async () => transport.emit({ type: 'alerts', alerts: alertsSnapshot([alertView({ state: 'resolved', resolvedAt: Date.now() })]) }));
    assert.ok(await screen.findByText('Container demo-loop is running again'));
  });

  it('draws the weekly chart (bars and MTTR) and lists the same figures', async () => {
    const drawn: IncidentWeek[][] = [];
    const factory: WeeklyChartFactory = (spec) => {
      drawn.push(spec.weeks);
      return { setData: (weeks) => drawn.push(weeks), setSize: () => {}, destroy: () => {} };
    };
    const transport = createFakeTransport({ 'incidents.weekly': () => incidentWeeks() });
    render(
      <OpsbarContext.Provider value={transport}>
        <IncidentsPage path={[]} navigate={() => {}} createChart={factory} />
      </OpsbarContext.Provider>,
    );
    const chart = await screen.findByRole('figure', { name: 'Incidents per week and MTTR' });
    assert.equal(drawn[0]?.length, 4);
    const cells = within(chart).getAllByRole('row').slice(1).map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent).slice(1));
    assert.deepEqual(cells, [
      ['3', '3', '4m'],
      ['0', '0', '—'],
      ['5', '5', '12m'],
      ['2', '2', '16m'],
    ]);
    assert.deepEqual(transport.calls.find((c) => c.method === 'incidents.weekly')?.payload, { weeks: 12 });
  });
});
