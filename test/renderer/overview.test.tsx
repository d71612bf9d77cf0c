/** @jsxRuntime automatic */
import { fullStatusMessage } from '../support/statusFixtures';
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { opsEvent, statusSnapshot } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

describe('Overview page', () => {
  it('shows the host, the overall status as a word, and system gauges', async () => {
    renderApp(createFakeTransport());
    const header = await screen.findByRole('banner');
    assert.ok(within(header).getByText('studio.local'));
    assert.ok(within(within(header).getByLabelText('Overall status')).getByText('Critical'));

    const cpu = screen.getByRole('region', { name: 'CPU' });
    assert.ok(within(cpu).getByText('23%'));
    assert.ok(within(cpu).getByText('24 cores'));
    const memory = screen.getByRole('region', { name: 'Memory' });
    assert.ok(within(memory).getByText('73%'));
    assert.match(memory.textContent ?? '', /141 GB used of 192 GB/);
    assert.ok(within(screen.getByRole('region', { name: 'Swap' })).getByText('500 MB'));
    assert.ok(within(screen.getByRole('region', { name: 'Load' })).getByText('5.12 4.80 3.90'));
    const root = screen.getByRole('region', { name: 'Disk /' });
    assert.ok(within(root).getByText('83.0 GB free'));
    assert.match(root.textContent ?? '', /9% free of 926 GB/);
    assert.equal(within(root).getByRole('meter').getAttribute('aria-valuenow'), '91');
    // The gauge takes the severity of its check (disk:/ is a warning), in words too.
    assert.ok(within(root).getByText('Warning'));
    assert.equal(within(cpu).queryByText('Warning'), null);
    assert.ok(screen.getByRole('region', { name: 'Disk /Volumes/Models' }));
  });

  it('lists status checks worst first, each with a severity word', async () => {
    renderApp(createFakeTransport());
    const checks = await screen.findByRole('region', { name: 'Checks' });
    const items = within(checks).getAllByRole('listitem').map((li) => li.textContent);
    assert.deepEqual(items, ['CriticalStack ragrag-qdrant-1 unhealthy', 'WarningDisk /41 GB free (9%)', 'OKCPU23% of 24 cores']);
  });

  it('summarises stacks worst first and opens one on the Stacks page', async () => {
    renderApp(createFakeTransport());
    const stacks = await screen.findByRole('region', { name: 'Stacks' });
    assert.match(stacks.textContent ?? '', /2 of 3 stacks healthy/);
    const names = within(stacks).getAllByRole('button').map((b) => b.textContent);
    assert.deepEqual(names, ['rag', 'llm', 'standalone']);
    fireEvent.click(within(stacks).getByRole('button', { name: 'rag' }));
    assert.equal(window.location.hash, '#/stacks?q=rag');
    assert.equal((await screen.findByRole('searchbox')).getAttribute('value'), 'rag');
  });

  it('draws history sparklines for CPU, memory and each disk over the last hour', async () => {
    const transport = createFakeTransport();
    renderApp(transport);
    await screen.findByRole('region', { name: 'CPU' });
    await act(async () => {});
    const series = transport.calls.filter((c) => c.method === 'history.query').map((c) => (c.payload as { series: string }).series);
    assert.deepEqual(new Set(series), new Set(['cpu.percent', 'memory.percent', 'disk.usedPercent:/', 'disk.usedPercent:/Volumes/Models']));
    const query = transport.calls.find((c) => c.method === 'history.query')?.payload as { from: number; to: number };
    assert.equal(query.to - query.from, 3_600_000);
    const cpuChart = within(screen.getByRole('region', { name: 'CPU' })).getByRole('img');
    assert.match(cpuChart.getAttribute('aria-label') ?? '', /min 11%, max 42%, latest 31%/);
  });

  it('applies live status and events as they arrive', async () => {
    const transport = createFakeTransport();
    renderApp(transport);
    await screen.findByRole('region', { name: 'CPU' });
    const next = statusSnapshot({ at: Date.now() + 10_000, overall: 'ok' });
    next.system!.cpu.percent = 87.2;
    await act(async () => transport.emit(fullStatusMessage(next)));
    assert.ok(within(screen.getByRole('region', { name: 'CPU' })).getByText('87%'));
    assert.ok(within(screen.getByLabelText('Overall status')).getByText('OK'));

    // An older status arriving late must not replace the newer one.
    await act(async () => transport.emit(fullStatusMessage(statusSnapshot({ at: 1 }))));
    assert.ok(within(screen.getByRole('region', { name: 'CPU' })).getByText('87%'));

    const events = screen.getByRole('region', { name: 'Recent events' });
    await act(async () =>
      transport.emit({ type: 'event', event: opsEvent(99, { at: Date.now(), subject: 'llm-vllm-1', message: 'container died (exit 137)', severity: 'critical' }) }),
    );
    const first = within(events).getAllByRole('listitem')[0];
    assert.match(first.textContent ?? '', /llm-vllm-1container died \(exit 137\)/);
    assert.ok(within(first).getByText('Critical'));
  });
});
