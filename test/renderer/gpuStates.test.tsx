/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, screen, within } from '@testing-library/react';
import { ApiCallError } from '../../renderer/src/transport';
import { createFakeTransport } from './fakeTransport';
import { gpuHandlers, gpuSnapshot, gpuStatusMessage, unavailableGpu } from './gpuFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const WAIT = { timeout: 10_000 };
const CONFIG_PATH = '/Users/ops/Library/Application Support/Opsbar/config.yaml';

describe('GPU page states', () => {
  it('says how Opsbar looks for GPUs when none is found, with the config key to set', async () => {
    renderApp(createFakeTransport(gpuHandlers(unavailableGpu('unavailable', 'nvidia-smi not found on PATH or in /usr/bin.'))), 'gpu');
    const heading = await screen.findByRole('heading', { name: 'No GPU found' }, WAIT);
    const text = heading.parentElement?.textContent ?? '';
    assert.match(
      text,
      /Opsbar looks for nvidia-smi \(NVIDIA driver\) on PATH and in \/usr\/bin, or reads ioreg on Apple Silicon Macs; none was found: nvidia-smi not found on PATH or in \/usr\/bin\. Set gpu\.nvidiaSmiPath in config\.yaml/,
    );
    assert.ok(await screen.findByText(CONFIG_PATH, {}, WAIT));
    assert.match(text, /if nvidia-smi lives elsewhere\.$/);
    // Not an error: no alert, no process table, but the hardware panel still answers.
    assert.equal(screen.queryByRole('alert'), null);
    assert.equal(screen.queryByRole('table'), null);
    assert.ok(screen.getByRole('region', { name: 'Hardware' }));
  });

  it('shows a GPU tool that fails as an error with its reason, and says the rest keeps working', async () => {
    renderApp(createFakeTransport(gpuHandlers(unavailableGpu('unknown', 'nvidia-smi timed out after 5 s'))), 'gpu');
    const alert = await screen.findByRole('alert', {}, WAIT);
    assert.ok(within(alert).getByText('GPU figures are unknown'));
    assert.match(alert.textContent ?? '', /could not read it: nvidia-smi timed out after 5 s\./);
    assert.match(alert.textContent ?? '', /the rest of Opsbar keeps working/);
  });

  it('says how to turn GPU monitoring on when it is disabled', async () => {
    renderApp(createFakeTransport(gpuHandlers(unavailableGpu('disabled', null))), 'gpu');
    const heading = await screen.findByRole('heading', { name: 'GPU monitoring is turned off' }, WAIT);
    assert.match(heading.parentElement?.textContent ?? '', /Set gpu\.enabled: true in config\.yaml/);
  });

  it('shows the figures once a live message brings a GPU that answers', async () => {
    const transport = createFakeTransport(gpuHandlers(unavailableGpu('unknown', 'nvidia-smi failed (exit 9)')));
    renderApp(transport, 'gpu');
    await screen.findByRole('alert', {}, WAIT);
    await act(async () => transport.emit(gpuStatusMessage(gpuSnapshot({ at: Date.now() }))));
    assert.ok(await screen.findByRole('region', { name: 'GPU 0 · NVIDIA H100 80GB HBM3' }, WAIT));
    assert.equal(screen.queryByText('GPU figures are unknown'), null);
  });

  it('shows loading, then an error with a retry when the call itself fails', async () => {
    let fail = true;
    renderApp(
      createFakeTransport({
        ...gpuHandlers(),
        'gpu.snapshot': () => {
          if (fail) throw new ApiCallError('internal', 'core is restarting');
          return gpuSnapshot();
        },
      }),
      'gpu',
    );
    assert.ok(screen.getByRole('status'));
    const alert = await screen.findByRole('alert', {}, WAIT);
    assert.ok(within(alert).getByText('Could not load GPU figures'));
    fail = false;
    await act(async () => within(alert).getByRole('button', { name: 'Retry' }).click());
    assert.ok(await screen.findByRole('region', { name: 'GPU 0 · NVIDIA H100 80GB HBM3' }, WAIT));
  });
});
