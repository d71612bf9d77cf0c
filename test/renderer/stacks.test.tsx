/** @jsxRuntime automatic */
import { fullStatusMessage } from '../support/statusFixtures';
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { dockerSnapshot, opsEvent, statusSnapshot } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

function rowOf(name: string): HTMLElement {
  const row = screen.getByText(name).closest('tr');
  assert.ok(row, `no table row for ${name}`);
  return row as HTMLElement;
}

describe('Stacks page', () => {
  it('lists stacks worst first with each container state, health, restarts, CPU, memory and exit code', async () => {
    renderApp(createFakeTransport(), 'stacks');
    await screen.findByRole('searchbox');
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    assert.deepEqual(headings, ['rag', 'llm', 'standalone']);

    const vllm = within(rowOf('llm-vllm-1'));
    assert.ok(vllm.getByText('running'));
    assert.ok(vllm.getByText('healthy'));
    assert.ok(vllm.getByText('312%'));
    assert.ok(vllm.getByText('21.5 GB / 64.0 GB'));
    assert.ok(vllm.getByText('3h 12m'));
    assert.ok(vllm.getByText('vllm/vllm-openai:v0.6.3', { exact: false }));

    const qdrant = within(rowOf('rag-qdrant-1'));
    assert.ok(qdrant.getByText('unhealthy'));
    assert.ok(qdrant.getByText('4'));

    const api = rowOf('rag-api-1');
    assert.ok(within(api).getByText('exited'));
    assert.equal(api.lastElementChild?.textContent, '137');
    assert.match(screen.getByRole('region', { name: 'Stack rag' }).textContent ?? '', /1\/2 running · 1 unhealthy/);
  });

  it('filters by stack, container name and image', async () => {
    renderApp(createFakeTransport(), 'stacks');
    const filter = await screen.findByRole('searchbox');
    fireEvent.change(filter, { target: { value: 'qdrant' } });
    assert.deepEqual(
      screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent),
      ['rag'],
    );
    assert.ok(screen.getByText('rag-qdrant-1'));
    assert.equal(screen.queryByText('rag-api-1'), null);

    fireEvent.change(filter, { target: { value: 'LLM' } });
    assert.ok(screen.getByText('llm-vllm-1'));
    assert.ok(screen.getByText('llm-open-webui-1'));
    assert.equal(screen.queryByText('portainer'), null);

    fireEvent.change(filter, { target: { value: 'portainer-ce' } });
    assert.deepEqual(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent), ['standalone']);

    fireEvent.change(filter, { target: { value: 'nothing-like-this' } });
    assert.ok(screen.getByText(/Nothing matches/));
  });

  it('opens a container: its events (by subject) and CPU/memory history', async () => {
    const transport = createFakeTransport();
    renderApp(transport, 'stacks');
    await screen.findByRole('searchbox');
    fireEvent.click(within(rowOf('rag-qdrant-1')).getByRole('button', { expanded: false }));
    assert.equal((await screen.findAllByText('health check failed: connection refused')).length, 3);
    await act(async () => {});

    const eventCall = transport.calls.find((c) => c.method === 'events.list');
    assert.deepEqual(eventCall?.payload, { limit: 10, subject: 'rag-qdrant-1' });
    const series = transport.calls.filter((c) => c.method === 'history.query').map((c) => (c.payload as { series: string }).series);
    assert.deepEqual(series.sort(), ['container.cpuPercent:rag/rag-qdrant-1', 'container.memoryBytes:rag/rag-qdrant-1']);
    assert.equal(screen.getAllByRole('img').length, 2);

    // A live event about this container shows up; one about another does not.
    await act(async () => {
      transport.emit({ type: 'event', event: opsEvent(50, { at: Date.now(), subject: 'rag-qdrant-1', message: 'health_status: healthy', severity: 'info' }) });
      transport.emit({ type: 'event', event: opsEvent(51, { at: Date.now(), subject: 'llm-vllm-1', message: 'container died' }) });
    });
    assert.ok(screen.getByText('health_status: healthy'));
    assert.equal(screen.queryByText('container died'), null);
  });

  it('updates container health from live status', async () => {
    const transport = createFakeTransport();
    renderApp(transport, 'stacks');
    await screen.findByRole('searchbox');
    const docker = dockerSnapshot();
    docker.at = Date.now() + 60_000;
    docker.stacks[1].containers[0].health = 'healthy';
    docker.stacks[1].containers[0].severity = 'ok';
    await act(async () => transport.emit(fullStatusMessage(statusSnapshot({ at: docker.at, docker }))));
    assert.ok(within(rowOf('rag-qdrant-1')).getByText('healthy'));
  });

  it('says so when the engine has no containers', async () => {
    renderApp(createFakeTransport({ 'docker.stacks': () => dockerSnapshot([]) }), 'stacks');
    assert.ok(await screen.findByText('No containers on this Docker engine yet.'));
  });
});
