/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ContainerInfo, Stack } from '../../shared/types/docker';
import type { ActionPlan } from '../../shared/types/actions';
import { ContainerActions } from '../../renderer/src/components/containers/ContainerActions';
import { StackActions } from '../../renderer/src/components/containers/StackActions';
import { containerRequestOf } from '../../renderer/src/components/emergency/ContainerPlanRoute';
import { StackSection } from '../../renderer/src/components/StackSection';
import { OpsbarContext } from '../../renderer/src/hooks/opsbarContext';
import { diskPlan, outcome, planItem } from './emergencyFixtures';
import { renderEmergency } from './emergencyRender';
import { createFakeTransport } from './fakeTransport';

afterEach(cleanup);

function container(name: string, state: ContainerInfo['state']): ContainerInfo {
  return {
    id: `${name}-id`,
    name,
    service: name,
    image: 'img:1',
    state,
    health: 'none',
    restartCount: 0,
    startedAt: 1,
    exitCode: state === 'exited' ? 0 : null,
    cpuPercent: null,
    memoryBytes: null,
    memoryLimitBytes: null,
    ports: [],
    severity: 'ok',
  };
}

const hrefs = () => screen.queryAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')]);

describe('container action buttons', () => {
  it('a running container offers Restart and Stop, a stopped one Start; each links to its plan; a name the API would refuse gets none', () => {
    render(<ContainerActions container={container('demo-web-1', 'running')} />);
    assert.deepEqual(hrefs(), [
      ['Restart…', '#/emergency/container?verb=restart&container=demo-web-1'],
      ['Stop…', '#/emergency/container?verb=stop&container=demo-web-1'],
    ]);
    cleanup();
    render(<ContainerActions container={container('demo-db-1', 'exited')} />);
    assert.deepEqual(hrefs(), [['Start…', '#/emergency/container?verb=start&container=demo-db-1']]);
    cleanup();
    render(<ContainerActions container={container('bad name <b>', 'running')} />);
    assert.deepEqual(hrefs(), []);
    cleanup();
    render(<ContainerActions container={container('paused-1', 'paused')} />);
    assert.deepEqual(hrefs(), []);
  });

  it('a compose stack offers "Restart stack…"; standalone containers do not', () => {
    render(<StackActions stack={{ name: 'demo', kind: 'compose' }} />);
    assert.deepEqual(hrefs(), [['Restart stack…', '#/emergency/container?verb=restart&stack=demo']]);
    cleanup();
    render(<StackActions stack={{ name: 'standalone', kind: 'standalone' }} />);
    assert.deepEqual(hrefs(), []);
  });

  it('the Stacks page section puts them in the stack header and on each container row', () => {
    const stack: Stack = { name: 'demo', kind: 'compose', containers: [container('demo-web-1', 'running'), container('demo-db-1', 'exited')], severity: 'ok', counts: { total: 2, running: 1, healthy: 0, unhealthy: 0 } };
    render(
      <OpsbarContext.Provider value={createFakeTransport()}>
        <StackSection stack={stack} />
      </OpsbarContext.Provider>,
    );
    const section = screen.getByRole('region', { name: 'Stack demo' });
    assert.ok(within(section).getByRole('link', { name: 'Restart stack demo…' }));
    const web = section.querySelector('tr[data-container="demo-web-1"]') as HTMLElement;
    assert.deepEqual(within(web).getAllByRole('link').map((a) => a.textContent), ['Restart…', 'Stop…']);
    const db = section.querySelector('tr[data-container="demo-db-1"]') as HTMLElement;
    assert.deepEqual(within(db).getAllByRole('link').map((a) => a.getAttribute('aria-label')), ['Start demo-db-1…']);
  });
});

describe('the container plan route', () => {
  it('reads verb and container or stack from the query, and says what is wrong otherwise', () => {
    const q = (s: string) => containerRequestOf(new URLSearchParams(s));
    assert.deepEqual(q('verb=restart&container=demo-web-1'), { verb: 'restart', container: 'demo-web-1' });
    assert.deepEqual(q('verb=restart&stack=demo'), { verb: 'restart', stack: 'demo' });
    assert.match(String(q('verb=stop&stack=demo')), /can only be restarted/);
    assert.match(String(q('verb=kill&container=x')), /not a container action/);
    assert.match(String(q('verb=restart')), /Name either a container or a stack/);
    assert.match(String(q('verb=restart&container=a&stack=b')), /Name either a container or a stack/);
    assert.match(String(q('verb=restart&container=%3Cscript%3E')), /is not a container name/);
  });

  it('plans {action: container} with the params, shows the plan without byte totals, confirms, and shows the verified result', async () => {
    const plan: ActionPlan = diskPlan({
      id: 'plan-ctr-0001',
      action: 'container',
      title: 'Restart container demo-web-1',
      params: { verb: 'restart', container: 'demo-web-1' },
      items: [planItem('restart:abc', { kind: 'container.restart', name: 'demo-web-1', bytes: null, reason: 'now running, healthy' })],
      kept: [],
      predictedBytes: 0,
      notes: ['Restarts demo-web-1 (SIGTERM, then SIGKILL after 10 s, then start); verified when it runs again with a new start time and healthy.'],
    });
    const transport = createFakeTransport({ 'actions.plan': () => plan, 'actions.execute': (p) => outcome(plan, p.itemIds ?? []) });
    renderEmergency(transport, 'emergency/container?verb=restart&container=demo-web-1');
    await screen.findByRole('heading', { name: 'Restart container demo-web-1' });
    assert.deepEqual(transport.calls.find((c) => c.method === 'actions.plan')?.payload, { action: 'container', params: { verb: 'restart', container: 'demo-web-1' } });
    const table = screen.getByRole('table', { name: 'Plan items' });
    assert.match(table.textContent ?? '', /Restart container/);
    assert.equal(screen.getByText(/items ticked/).textContent, '1 of 1 items ticked');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: restart container demo-web-1 (1 item)' }));
    await screen.findByRole('region', { name: 'Progress' });
    const done = outcome(plan, ['restart:abc'], {
      state: 'succeeded',
      finishedAt: Date.now(),
      items: [{ id: 'restart:abc', outcome: 'done', detail: 'restarted (grace 10 s)', bytes: null, at: Date.now() }],
      verified: { passed: true, summary: 'demo-web-1 running and healthy (restarted 14:02:11)', figures: { containers: 1, running: 1, healthy: 1 }, checks: [] },
    });
    act(() => transport.emit({ type: 'action', outcome: done }));
    await waitFor(() => assert.ok(/demo-web-1 running and healthy \(restarted 14:02:11\)/.test(screen.getByRole('region', { name: 'Result' }).textContent ?? '')));
  });

  it('a bad query shows the reason and a way back, and plans nothing', () => {
    const transport = createFakeTransport();
    renderEmergency(transport, 'emergency/container?verb=stop&stack=demo');
    assert.match(screen.getByRole('alert').textContent ?? '', /can only be restarted/);
    assert.equal(transport.calls.filter((c) => c.method === 'actions.plan').length, 0);
  });

  it('the Emergency index points to the Stacks page for container actions', async () => {
    renderEmergency(createFakeTransport({ 'actions.recent': () => [] }), 'emergency');
    const actions = await screen.findByRole('region', { name: 'Emergency actions' });
    assert.equal(within(actions).getByRole('link', { name: 'the Stacks page' }).getAttribute('href'), '#/stacks');
  });
});
