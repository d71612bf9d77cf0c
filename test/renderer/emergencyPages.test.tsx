/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FiringAlerts } from '../../renderer/src/components/alerts/FiringAlerts';
import { IncidentDetailView } from '../../renderer/src/components/incidents/IncidentDetailView';
import { OpsbarContext } from '../../renderer/src/hooks/opsbarContext';
import { alertView, incidentDetail } from './alertFixtures';
import { diskPlan, diskUsage, outcome, snapshotView } from './emergencyFixtures';
import { renderEmergency } from './emergencyRender';
import { createFakeTransport } from './fakeTransport';
import { renderApp } from './renderApp';

afterEach(cleanup);

describe('Emergency index', () => {
  it('offers the three actions with a line each, the stacks to roll back, and the recent runs with their outcome', async () => {
    const plan = diskPlan();
    const transport = createFakeTransport({
      'actions.recent': () => [
        { plan, outcome: outcome(plan, ['log:big'], { state: 'unknown', message: 'outcome unknown after a restart' }) },
        { plan: diskPlan({ id: 'plan-gpu-00001', action: 'gpu', title: 'Relieve GPU memory' }), outcome: null },
      ],
    });
    const view = renderEmergency(transport, 'emergency');
    const actions = await screen.findByRole('region', { name: 'Emergency actions' });
    fireEvent.click(within(actions).getByRole('button', { name: 'Free disk space…' }));
    fireEvent.click(within(actions).getByRole('button', { name: 'Relieve GPU memory…' }));
    fireEvent.click(within(actions).getByRole('link', { name: 'Roll back llm…' }));
    assert.deepEqual(view.navigations, ['emergency/disk', 'emergency/gpu', 'emergency/rollback?stack=llm']);
    assert.ok(within(actions).getByText(/Volumes are never touched/));
    const runs = await screen.findByRole('listitem', { name: `Free disk space ${plan.id}` });
    assert.match(runs.textContent ?? '', /Outcome unknown — outcome unknown after a restart/);
    assert.match(screen.getByRole('listitem', { name: 'Relieve GPU memory plan-gpu-00001' }).textContent ?? '', /Planned, not run/);
  });

  it('says which page exists when the action is unknown', () => {
    renderEmergency(createFakeTransport(), 'emergency/nope');
    assert.match(screen.getByRole('alert').textContent ?? '', /There is no emergency action “nope”/);
  });

  it('is reached from the Nav and routes #/emergency/disk to the disk plan', async () => {
    renderApp(createFakeTransport({ 'actions.plan': () => diskPlan(), 'disk.usage': () => diskUsage() }), 'emergency/disk');
    assert.ok(await screen.findByRole('table', { name: 'Plan items' }));
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    assert.equal(within(nav).getByRole('link', { name: 'Emergency' }).getAttribute('aria-current'), 'page');
  });
});

describe('Rollback page', () => {
  it("lists the stack's snapshots with differences, takes one now, and plans against a chosen one", async () => {
    let taken = false;
    const transport = createFakeTransport({
      'actions.plan': (p) => diskPlan({ id: 'plan-rollback-1', action: 'rollback', title: `Roll back ${(p.params as { stack: string }).stack}`, items: [] }),
      'snapshots.list': () => [
        ...(taken ? [snapshotView('snap-new-0001', { reason: 'manual' }, { differences: ['same as now'] })] : []),
        snapshotView('snap-old-0001'),
        snapshotView('snap-bad-0001', {}, { imagesPresent: false }),
      ],
      'snapshots.take': () => {
        taken = true;
        return snapshotView('snap-new-0001', { reason: 'manual' });
      },
    });
    const view = renderEmergency(transport, 'emergency/rollback?stack=demo');
    const panel = await screen.findByRole('region', { name: 'Snapshots of demo' });
    const old = await within(panel).findByRole('listitem', { name: 'Snapshot snap-old-0001' });
    assert.match(old.textContent ?? '', /taken automatically.*web: image nginx:1\.25 → nginx:1\.26/);
    const bad = within(panel).getByRole('listitem', { name: 'Snapshot snap-bad-0001' });
    assert.match(bad.textContent ?? '', /An image it needs is gone/);
    assert.equal((within(bad).getByRole('button', { name: 'Plan rollback to this' }) as HTMLButtonElement).disabled, true);
    fireEvent.click(within(panel).getByRole('button', { name: 'Take snapshot now' }));
    await within(panel).findByRole('listitem', { name: 'Snapshot snap-new-0001' });
    assert.deepEqual(transport.calls.find((c) => c.method === 'snapshots.take')?.payload, { stack: 'demo' });
    fireEvent.click(within(old).getByRole('button', { name: 'Plan rollback to this' }));
    assert.deepEqual(view.navigations, ['emergency/rollback?stack=demo&snapshot=snap-old-0001']);
    assert.deepEqual(transport.calls.find((c) => c.method === 'actions.plan')?.payload, { action: 'rollback', params: { stack: 'demo' } });
    cleanup();
    const chosen = createFakeTransport({ 'actions.plan': () => diskPlan({ action: 'rollback' }), 'snapshots.list': () => [snapshotView('snap-old-0001')] });
    renderEmergency(chosen, 'emergency/rollback?stack=demo&snapshot=snap-old-0001');
    await screen.findByText('planned against');
    assert.deepEqual(chosen.calls.find((c) => c.method === 'actions.plan')?.payload, { action: 'rollback', params: { stack: 'demo', snapshotId: 'snap-old-0001' } });
  });

  it('offers the roll-forward after a failed rollback', async () => {
    const plan = diskPlan({ id: 'plan-rollback-2', action: 'rollback', title: 'Roll back demo', items: [{ id: 'step:1', kind: 'rollback.recreate', name: 'demo-web-1', bytes: null, reason: 'recreate from the snapshot', selected: true, facts: {} }] });
    const failed = outcome(plan, ['step:1'], { state: 'failed', rollForwardSnapshotId: 'snap-pre-0001', message: 'demo-web-1 did not become healthy within 60 s', items: [{ id: 'step:1', outcome: 'failed', detail: 'unhealthy', bytes: null, at: 1 }] });
    const transport = createFakeTransport({ 'actions.plan': () => plan, 'actions.execute': () => failed, 'snapshots.list': () => [] });
    const view = renderEmergency(transport, 'emergency/rollback?stack=demo');
    assert.ok(await screen.findByText(/No snapshot of demo yet/));
    fireEvent.click(await screen.findByRole('button', { name: /^Confirm/ }));
    const result = await screen.findByRole('region', { name: 'Result' });
    assert.match(result.textContent ?? '', /Faileddemo-web-1 did not become healthy within 60 s/);
    fireEvent.click(within(result).getByRole('button', { name: 'Roll forward' }));
    assert.deepEqual(view.navigations, ['emergency/rollback?stack=demo&snapshot=snap-pre-0001']);
  });

  it('asks for a stack when none is named', () => {
    const view = renderEmergency(createFakeTransport(), 'emergency/rollback');
    fireEvent.click(within(screen.getByRole('list', { name: 'Stacks' })).getByRole('link', { name: 'Roll back rag…' }));
    assert.deepEqual(view.navigations, ['emergency/rollback?stack=rag']);
  });
});

describe('What fills this disk', () => {
  it('shows per root the largest directories as bars, totals, a partial walk, and days until full per mount', async () => {
    renderEmergency(createFakeTransport({ 'actions.plan': () => diskPlan(), 'disk.usage': () => diskUsage() }), 'emergency/disk');
    const panel = await screen.findByRole('region', { name: 'What fills this disk' });
    const docker = await within(panel).findByRole('region', { name: 'Docker data root' });
    assert.match(docker.textContent ?? '', /\/var\/lib\/docker 43\.5 GB \(partial: walk budget reached\)/);
    assert.deepEqual(within(docker).getAllByRole('listitem').map((li) => li.textContent), ['/var/lib/docker/overlay240.0 GB', '/var/lib/docker/containers3.00 GB']);
    assert.match(within(panel).getByRole('region', { name: 'Ollama models' }).textContent ?? '', /not on this host/);
    const growth = within(panel).getByRole('list', { name: 'Days until full' });
    assert.deepEqual(within(growth).getAllByRole('listitem').map((li) => li.textContent?.split(' · ')[0]), ['/ full in 6.2 days at the current rate', '/data not filling']);
  });
});

describe('Alerts and incidents link their action', () => {
  it('a disk alert links "Free disk space…", a stack container alert "Roll back <stack>…"', () => {
    const routes: string[] = [];
    render(
      <FiringAlerts
        alerts={[alertView({ kind: 'disk.free', subject: '/', group: 'disk:/', label: 'Disk /', incidentId: null }), alertView()]}
        navigate={(r) => routes.push(r)}
      />,
    );
    fireEvent.click(screen.getByRole('link', { name: 'Free disk space…' }));
    fireEvent.click(screen.getByRole('link', { name: 'Roll back demo…' }));
    assert.deepEqual(routes, ['emergency/disk', 'emergency/rollback?stack=demo']);
    assert.equal(screen.getByRole('link', { name: 'Roll back demo…' }).getAttribute('href'), '#/emergency/rollback?stack=demo');
  });

  it('an incident lists one link per action its kinds call for', async () => {
    const routes: string[] = [];
    render(
      <OpsbarContext.Provider value={createFakeTransport()}>
        <IncidentDetailView incident={incidentDetail({ kinds: ['container.restart_loop', 'container.unhealthy', 'cpu.high'] })} onChanged={() => undefined} navigate={(r) => routes.push(r)} />
      </OpsbarContext.Provider>,
    );
    const section = screen.getByRole('region', { name: 'Incident emergency actions' });
    const links = within(section).getAllByRole('link');
    assert.deepEqual(links.map((l) => l.textContent), ['Roll back demo…']);
    fireEvent.click(links[0]);
    await waitFor(() => assert.deepEqual(routes, ['emergency/rollback?stack=demo']));
  });
});
