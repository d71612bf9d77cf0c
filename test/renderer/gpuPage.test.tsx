/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { appleGpu, gpuDevice, gpuHandlers, gpuSnapshot, gpuStatusMessage, historyBySeries } from './gpuFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const WAIT = { timeout: 10_000 };

function card(index: number, name = 'NVIDIA H100 80GB HBM3'): HTMLElement {
  return screen.getByRole('region', { name: `GPU ${index} · ${name}` });
}

function processRows(): string[][] {
  const table = within(screen.getByRole('region', { name: 'GPU processes' })).getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent ?? ''));
}

describe('GPU page', () => {
  it('shows one card per GPU with memory in bytes and percent, and "not reported" for missing figures', async () => {
    renderApp(createFakeTransport(gpuHandlers()), 'gpu');
    await screen.findByRole('region', { name: 'GPU 0 · NVIDIA H100 80GB HBM3' }, WAIT);

    const first = card(0);
    const memory = within(first).getByRole('region', { name: 'Memory' });
    assert.ok(within(memory).getByText('52%'));
    assert.ok(within(memory).getByText('41.2 GB of 80.0 GB (52%)'));
    assert.equal(within(memory).getByRole('meter').getAttribute('aria-valuenow'), '52');
    assert.ok(within(within(first).getByRole('region', { name: 'Utilisation' })).getByText('87%'));
    assert.ok(within(within(first).getByRole('region', { name: 'Temperature' })).getByText('64 °C'));
    const power = within(first).getByRole('region', { name: 'Power' });
    assert.ok(within(power).getByText('212 W'));
    assert.ok(within(power).getByText('of 700 W limit'));
    assert.equal(within(power).getByRole('meter').getAttribute('aria-valuenow'), '30');

    const second = card(1);
    assert.ok(within(within(second).getByRole('region', { name: 'Memory' })).getByText('8.5 GB of 80.0 GB (11%)'));
    assert.ok(within(within(second).getByRole('region', { name: 'Temperature' })).getByText('not reported'));
    assert.ok(within(within(second).getByRole('region', { name: 'Power' })).getByText('not reported'));
    // A figure that is not reported has no bar: it is not 0.
    assert.equal(within(within(second).getByRole('region', { name: 'Power' })).queryByRole('meter'), null);
    assert.match(screen.getByText(/from nvidia-smi/).textContent ?? '', /from nvidia-smi · driver 550\.54\.15/);
  });

  it('says "not reported" for memory the tool does not give, rather than 0', async () => {
    const gpu = gpuSnapshot({ devices: [gpuDevice({ index: 0, memoryUsedBytes: null, utilizationPercent: null })] });
    renderApp(createFakeTransport(gpuHandlers(gpu)), 'gpu');
    const first = await screen.findByRole('region', { name: 'GPU 0 · NVIDIA H100 80GB HBM3' }, WAIT);
    const memory = within(first).getByRole('region', { name: 'Memory' });
    assert.ok(within(memory).getByText('not reported (of 80.0 GB)'));
    assert.equal(within(memory).queryByRole('meter'), null);
    assert.ok(within(within(first).getByRole('region', { name: 'Utilisation' })).getByText('not reported'));
    assert.doesNotMatch(first.textContent ?? '', /\b0%/);
  });

  it('labels unified memory on Apple Silicon as the share the GPU may use', async () => {
    renderApp(createFakeTransport(gpuHandlers(appleGpu())), 'gpu');
    const mac = await screen.findByRole('region', { name: 'GPU 0 · Apple M2 Ultra' }, WAIT);
    const memory = within(mac).getByRole('region', { name: 'Unified memory' });
    assert.ok(within(memory).getByText('48.0 GB of 144.0 GB the GPU may use (33%)'));
    assert.match(mac.textContent ?? '', /unified memory, shared with the CPU/);
    assert.ok(screen.getByText('memory pressure high'));
    const processes = screen.getByRole('region', { name: 'GPU processes' });
    assert.ok(within(processes).getByText('Per-process figures are not available on this Mac'));
  });

  it('lists GPU processes largest first, with "not reported" where the tool gives nothing', async () => {
    renderApp(createFakeTransport(gpuHandlers()), 'gpu');
    await screen.findByRole('region', { name: 'GPU processes' }, WAIT);
    assert.deepEqual(processRows(), [
      ['3100', 'python3 -m vllm.entrypoints.openai.api_server', 'GPU 0', '38.4 GB', 'root', 'llm-vllm-1stack llm'],
      ['3999', 'text-embeddings-router', 'GPU 1', '6.0 GB', 'ops', 'embedder'],
      ['4242', '/usr/bin/python3', 'GPU 1', '2.5 GB', 'ops', 'host process'],
      // No index but a UUID: the GPU is found by its UUID.
      ['5001', 'ollama', 'GPU 1', 'not reported', 'not reported', 'host process'],
    ]);
  });

  it('shows the processes note above the table when the core sets one', async () => {
    renderApp(createFakeTransport(gpuHandlers(gpuSnapshot({ processesNote: 'Per-process figures are 40 s old: nvidia-smi timed out' }))), 'gpu');
    const processes = await screen.findByRole('region', { name: 'GPU processes' }, WAIT);
    const note = within(processes).getByText('Per-process figures are 40 s old: nvidia-smi timed out');
    const table = within(processes).getByRole('table');
    assert.ok(note.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
  });

  it('opens the Stacks page filtered by the stack, or the container name for a standalone one', async () => {
    renderApp(createFakeTransport(gpuHandlers()), 'gpu');
    const processes = await screen.findByRole('region', { name: 'GPU processes' }, WAIT);
    assert.equal(within(processes).getByRole('link', { name: 'embedder' }).getAttribute('href'), '#/stacks?q=embedder');
    const vllm = within(processes).getByRole('link', { name: 'llm-vllm-1' });
    assert.equal(vllm.getAttribute('href'), '#/stacks?q=llm');
    fireEvent.click(vllm);
    assert.equal(window.location.hash, '#/stacks?q=llm');
    assert.equal((await screen.findByRole('searchbox', {}, WAIT)).getAttribute('value'), 'llm');
  });

  it('applies the GPU part of a live status message, and ignores an older one', async () => {
    const transport = createFakeTransport(gpuHandlers());
    renderApp(transport, 'gpu');
    await screen.findByRole('region', { name: 'GPU 0 · NVIDIA H100 80GB HBM3' }, WAIT);

    const next = gpuSnapshot({ at: Date.now() + 10_000, devices: [gpuDevice({ index: 0, memoryUsedBytes: 72 * 1024 ** 3, utilizationPercent: 99, temperatureC: 81 })] });
    await act(async () => transport.emit(gpuStatusMessage(next)));
    await waitFor(() => assert.ok(within(within(card(0)).getByRole('region', { name: 'Memory' })).getByText('72.0 GB of 80.0 GB (90%)')), WAIT);
    assert.ok(within(within(card(0)).getByRole('region', { name: 'Utilisation' })).getByText('99%'));
    assert.ok(within(within(card(0)).getByRole('region', { name: 'Temperature' })).getByText('81 °C'));
    assert.equal(screen.queryByRole('region', { name: 'GPU 1 · NVIDIA H100 80GB HBM3' }), null);

    // A message without a GPU module changes nothing; an older GPU snapshot does not win.
    await act(async () => transport.emit({ ...gpuStatusMessage(next), modules: {} }));
    await act(async () => transport.emit(gpuStatusMessage(gpuSnapshot({ at: 1 }))));
    assert.ok(within(within(card(0)).getByRole('region', { name: 'Utilisation' })).getByText('99%'));
  });

  it('lists the GPU controllers the host inventory reports', async () => {
    renderApp(createFakeTransport(gpuHandlers()), 'gpu');
    const hardware = await screen.findByRole('region', { name: 'Hardware' }, WAIT);
    await waitFor(() => assert.equal(within(hardware).getAllByRole('listitem').length, 3), WAIT);
    const items = within(hardware).getAllByRole('listitem').map((li) => li.textContent);
    assert.deepEqual(items, [
      'NVIDIA H100 80GB HBM380.0 GB video memory',
      'NVIDIA H100 80GB HBM380.0 GB video memory',
      'ASPEED Graphics Familyvideo memory not reported',
    ]);
  });
});

describe('GPU page history', () => {
  it('charts memory and utilisation of each GPU and describes them in words', async () => {
    const transport = createFakeTransport(gpuHandlers());
    renderApp(transport, 'gpu');
    const chart = await screen.findByRole('img', { name: /^GPU 0 memory and utilisation, last 1 h:/ }, WAIT);
    assert.equal(chart.getAttribute('aria-label'), 'GPU 0 memory and utilisation, last 1 h: Memory: min 39%, max 53%, latest 51%; Utilisation: min 79%, max 97%, latest 87%');
    assert.ok(within(card(0)).getByText('Memory: min 39%, max 53%, latest 51%'));
    const queries = transport.calls.filter((c) => c.method === 'history.query').map((c) => c.payload as { series: string; from: number; to: number; maxPoints: number });
    assert.deepEqual(new Set(queries.map((q) => q.series)), new Set(['gpu.memoryPercent:0', 'gpu.utilizationPercent:0', 'gpu.memoryPercent:1', 'gpu.utilizationPercent:1']));
    for (const q of queries) {
      assert.equal(q.to - q.from, 3_600_000);
      assert.equal(q.maxPoints, 300);
    }
  });

  it('says there is no history yet for a GPU without recorded figures', async () => {
    renderApp(createFakeTransport(gpuHandlers()), 'gpu');
    await screen.findByRole('img', { name: /^GPU 0 memory/ }, WAIT);
    assert.ok(within(card(1)).getByText('No history yet — Opsbar records GPU figures every few seconds while it runs'));
    assert.equal(within(card(1)).queryByRole('img'), null);
  });

  it('re-queries history over 24 h and 7 d when the range changes', async () => {
    const transport = createFakeTransport(gpuHandlers());
    renderApp(transport, 'gpu');
    await screen.findByRole('img', { name: /^GPU 0 memory/ }, WAIT);
    const picker = screen.getByRole('group', { name: 'History range' });
    assert.equal(within(picker).getByRole('button', { name: '1 h' }).getAttribute('aria-pressed'), 'true');

    const windows = () =>
      new Set(transport.calls.filter((c) => c.method === 'history.query').map((c) => { const p = c.payload as { from: number; to: number }; return p.to - p.from; }));
    fireEvent.click(within(picker).getByRole('button', { name: '24 h' }));
    await screen.findByRole('img', { name: /^GPU 0 memory and utilisation, last 24 h:/ }, WAIT);
    await waitFor(() => assert.ok(windows().has(24 * 3_600_000)), WAIT);
    fireEvent.click(within(picker).getByRole('button', { name: '7 d' }));
    await waitFor(() => assert.ok(windows().has(7 * 24 * 3_600_000)), WAIT);
    assert.equal(within(picker).getByRole('button', { name: '7 d' }).getAttribute('aria-pressed'), 'true');
  });

  it('says why when history cannot be read', async () => {
    renderApp(
      createFakeTransport({
        ...gpuHandlers(),
        'history.query': () => {
          throw new Error('history store is locked');
        },
      }),
      'gpu',
    );
    const first = await screen.findByRole('region', { name: 'GPU 0 · NVIDIA H100 80GB HBM3' }, WAIT);
    assert.ok(await within(first).findByText('History is not available: history store is locked', {}, WAIT));
  });

  it('still charts a series when only some buckets carry figures', async () => {
    renderApp(
      createFakeTransport({ ...gpuHandlers(), 'history.query': historyBySeries({ 'gpu.utilizationPercent:1': [5, 10] }) }),
      'gpu',
    );
    const chart = await screen.findByRole('img', { name: /^GPU 1 memory/ }, WAIT);
    assert.match(chart.getAttribute('aria-label') ?? '', /Memory: no data; Utilisation: min 4%, max 12%, latest 10%$/);
  });
});
