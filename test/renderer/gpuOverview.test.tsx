/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { appleGpu, gpuDevice, gpuHandlers, gpuSnapshot, gpuStatusMessage, hostInventory, unavailableGpu } from './gpuFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const WAIT = { timeout: 10_000 };

describe('Overview GPU tile', () => {
  it('shows each GPU with a compact memory bar and its utilisation', async () => {
    renderApp(createFakeTransport(gpuHandlers()));
    const tile = await screen.findByRole('region', { name: 'GPU' }, WAIT);
    const items = within(tile).getAllByRole('listitem');
    assert.equal(items.length, 2);
    assert.match(items[0].textContent ?? '', /GPU 0 · NVIDIA H100 80GB HBM3utilisation 87%Memory: 41\.2 GB of 80\.0 GB \(52%\)/);
    assert.equal(within(items[0]).getByRole('meter', { name: 'GPU 0 memory' }).getAttribute('aria-valuenow'), '52');
    assert.match(items[1].textContent ?? '', /utilisation 12%Memory: 8\.5 GB of 80\.0 GB \(11%\)/);
  });

  it('links to the GPU page', async () => {
    renderApp(createFakeTransport(gpuHandlers()));
    const tile = await screen.findByRole('region', { name: 'GPU' }, WAIT);
    const link = within(tile).getByRole('link', { name: 'Open the GPU page' });
    assert.equal(link.getAttribute('href'), '#/gpu');
    fireEvent.click(link);
    assert.equal(window.location.hash, '#/gpu');
    assert.ok(await screen.findByRole('region', { name: 'GPU processes' }, WAIT));
  });

  it('labels Apple unified memory and says in one line why there are no figures otherwise', async () => {
    renderApp(createFakeTransport(gpuHandlers(appleGpu())));
    let tile = await screen.findByRole('region', { name: 'GPU' }, WAIT);
    assert.match(tile.textContent ?? '', /Unified memory: 48\.0 GB of 144\.0 GB the GPU may use \(33%\)/);
    cleanup();

    renderApp(createFakeTransport(gpuHandlers(unavailableGpu('unavailable', 'nvidia-smi not found'))));
    tile = await screen.findByRole('region', { name: 'GPU' }, WAIT);
    assert.ok(within(tile).getByText('No GPU found (no nvidia-smi, not an Apple Silicon Mac).'));
    cleanup();

    renderApp(createFakeTransport(gpuHandlers(unavailableGpu('unknown', 'nvidia-smi hangs'))));
    tile = await screen.findByRole('region', { name: 'GPU' }, WAIT);
    assert.ok(within(tile).getByText('GPU figures are unknown: nvidia-smi hangs.'));
    cleanup();

    renderApp(createFakeTransport(gpuHandlers(unavailableGpu('disabled', null))));
    tile = await screen.findByRole('region', { name: 'GPU' }, WAIT);
    assert.ok(within(tile).getByText('GPU monitoring is turned off (gpu.enabled: false).'));
  });

  it('follows the GPU module of live status messages', async () => {
    const transport = createFakeTransport(gpuHandlers());
    renderApp(transport);
    const tile = await screen.findByRole('region', { name: 'GPU' }, WAIT);
    const next = gpuSnapshot({ at: Date.now() + 10_000, devices: [gpuDevice({ index: 0, utilizationPercent: 3, memoryUsedBytes: 1024 ** 3 })] });
    await act(async () => transport.emit(gpuStatusMessage(next)));
    await waitFor(() => assert.match(tile.textContent ?? '', /utilisation 3%Memory: 1\.0 GB of 80\.0 GB/), WAIT);
    assert.equal(within(tile).getAllByRole('listitem').length, 1);
  });
});

describe('Overview host inventory', () => {
  it('names the CPU model, the OS and the GPU controllers in one line', async () => {
    renderApp(createFakeTransport(gpuHandlers()));
    const line = await screen.findByLabelText('Host hardware', {}, WAIT);
    assert.equal(line.textContent, 'AMD EPYC 9454 48-Core Processor · Ubuntu 24.04.1 LTS (x64) · GPU: 2 × NVIDIA H100 80GB HBM3 (80.0 GB), ASPEED Graphics Family');
  });

  it('names an Apple Silicon Mac the way systeminformation reports it', async () => {
    const inventory = hostInventory({
      cpu: { manufacturer: 'Apple', brand: 'M2 Ultra', cores: 24, physicalCores: 24 },
      os: { platform: 'darwin', distro: 'macOS', release: '15.1', arch: 'arm64', kernel: '24.1.0' },
      gpus: [{ vendor: 'Apple', model: 'Apple M2 Ultra', vramBytes: null, cores: 76 }],
    });
    renderApp(createFakeTransport(gpuHandlers(appleGpu(), inventory)));
    const line = await screen.findByLabelText('Host hardware', {}, WAIT);
    assert.equal(line.textContent, 'Apple M2 Ultra · macOS 15.1 (arm64) · GPU: Apple M2 Ultra (76 cores)');
  });

  it('leaves the line out when the inventory cannot be read', async () => {
    const transport = createFakeTransport({
      ...gpuHandlers(),
      'inventory.get': () => {
        throw new Error('systeminformation failed');
      },
    });
    renderApp(transport);
    await screen.findByRole('region', { name: 'GPU' }, WAIT);
    await waitFor(() => assert.ok(transport.calls.some((c) => c.method === 'inventory.get')), WAIT);
    await act(async () => {});
    assert.equal(screen.queryByLabelText('Host hardware'), null);
    assert.ok(screen.getByRole('region', { name: 'CPU' }));
  });
});
