/** @jsxRuntime automatic */
// GPU severities come from the core's status checks (gpu:<i>:memory, gpu:<i>:temperature, gpu),
// never from the figures, and a check in trouble links the runbooks whose triggers name its alert.
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ApiCallState } from '../../renderer/src/hooks/useApiCall';
import { OpsbarContext } from '../../renderer/src/hooks/opsbarContext';
import { GpuPage } from '../../renderer/src/pages/GpuPage';
import type { StatusSnapshot } from '../../shared/types/status';
import { createFakeTransport } from './fakeTransport';
import { statusSnapshot } from './fixtures';
import {
  GPU_MEMORY_RUNBOOK,
  gpuDevice,
  gpuHandlersWithChecks,
  gpuMemoryCheck,
  gpuSnapshot,
  gpuStatusMessage,
  gpuTemperatureCheck,
  gpuToolCheck,
  hotGpu,
  unavailableGpu,
} from './gpuFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const WAIT = { timeout: 10_000 };
const H100 = 'GPU 0 · NVIDIA H100 80GB HBM3';

function gauge(card: HTMLElement, name: string): HTMLElement {
  return within(card).getByRole('region', { name });
}

function severityClass(element: HTMLElement): string | undefined {
  return [...element.classList].find((c) => c.startsWith('sev-'));
}

describe('GPU page severities', () => {
  it('colours memory and temperature by their checks, says so in words, and links the memory runbook', async () => {
    const transport = createFakeTransport(gpuHandlersWithChecks(hotGpu(), [gpuMemoryCheck(0, 'warning'), gpuTemperatureCheck(0, 'warning')]));
    renderApp(transport, 'gpu');
    const card = await screen.findByRole('region', { name: H100 }, WAIT);
    await waitFor(() => assert.equal(severityClass(gauge(card, 'Memory')), 'sev-warning'), WAIT);

    const memory = gauge(card, 'Memory');
    assert.ok(within(memory).getByText('Warning'));
    assert.ok(within(memory).getByText('76.0 GB of 80.0 GB (95%)'));
    const temperature = gauge(card, 'Temperature');
    assert.equal(severityClass(temperature), 'sev-warning');
    assert.ok(within(temperature).getByText('Warning'));
    assert.ok(within(temperature).getByText('88 °C'));
    // No check judges utilisation or power: they stay neutral, whatever their figures.
    assert.equal(severityClass(gauge(card, 'Utilisation')), 'sev-ok');
    assert.equal(severityClass(gauge(card, 'Power')), 'sev-ok');

    const runbooks = await within(card).findByRole('list', { name: 'Runbooks for GPU 0' }, WAIT);
    const link = within(runbooks).getByRole('link', { name: `Runbook: ${GPU_MEMORY_RUNBOOK}` });
    assert.equal(link.getAttribute('href'), '#/runbooks?id=gpu-memory-emergency');
    // The temperature check is in trouble too, but no runbook names gpu.temperature: one line only.
    assert.equal(within(runbooks).getAllByRole('listitem').length, 1);
    assert.match(within(runbooks).getByRole('listitem').textContent ?? '', /^WarningGPU 0 memory/);

    fireEvent.click(link);
    assert.equal(window.location.hash, '#/runbooks?id=gpu-memory-emergency');
    await waitFor(() => assert.equal(screen.queryByRole('region', { name: H100 }), null), WAIT);
  });

  it('shows a critical memory check as critical', async () => {
    renderApp(createFakeTransport(gpuHandlersWithChecks(hotGpu(), [gpuMemoryCheck(0, 'critical'), gpuTemperatureCheck(0, 'ok')])), 'gpu');
    const card = await screen.findByRole('region', { name: H100 }, WAIT);
    await waitFor(() => assert.equal(severityClass(gauge(card, 'Memory')), 'sev-critical'), WAIT);
    assert.ok(within(gauge(card, 'Memory')).getByText('Critical'));
    assert.equal(severityClass(gauge(card, 'Temperature')), 'sev-ok');
    assert.ok(await within(card).findByRole('link', { name: `Runbook: ${GPU_MEMORY_RUNBOOK}` }, WAIT));
  });

  it('takes severity from the checks, never from the figures', async () => {
    // 99 % and 95 °C judged ok by the core (thresholds raised for this GPU); 11 % judged critical.
    const gpu = gpuSnapshot({
      devices: [
        gpuDevice({ index: 0, memoryUsedBytes: 79.2 * 1024 ** 3, temperatureC: 95 }),
        gpuDevice({ index: 1, memoryUsedBytes: 8.5 * 1024 ** 3, temperatureC: 40 }),
      ],
    });
    const checks = [gpuMemoryCheck(0, 'ok'), gpuTemperatureCheck(0, 'ok'), gpuMemoryCheck(1, 'critical'), gpuTemperatureCheck(1, 'ok')];
    renderApp(createFakeTransport(gpuHandlersWithChecks(gpu, checks)), 'gpu');
    const second = await screen.findByRole('region', { name: 'GPU 1 · NVIDIA H100 80GB HBM3' }, WAIT);
    await waitFor(() => assert.equal(severityClass(gauge(second, 'Memory')), 'sev-critical'), WAIT);
    assert.ok(await within(second).findByRole('link', { name: `Runbook: ${GPU_MEMORY_RUNBOOK}` }, WAIT));

    const first = screen.getByRole('region', { name: H100 });
    assert.equal(severityClass(gauge(first, 'Memory')), 'sev-ok');
    assert.equal(severityClass(gauge(first, 'Temperature')), 'sev-ok');
    assert.equal(within(first).queryByText('Warning'), null);
    assert.equal(within(first).queryByText('Critical'), null);
    assert.equal(within(first).queryByRole('list', { name: /^Runbooks for/ }), null);
  });

  it('follows the checks of live status messages', async () => {
    const transport = createFakeTransport(gpuHandlersWithChecks(hotGpu(), [gpuMemoryCheck(0, 'ok')]));
    renderApp(transport, 'gpu');
    const card = await screen.findByRole('region', { name: H100 }, WAIT);
    await screen.findByRole('img', { name: /^GPU 0 memory/ }, WAIT);
    assert.equal(severityClass(gauge(card, 'Memory')), 'sev-ok');

    const message = gpuStatusMessage({ ...hotGpu(), at: Date.now() + 10_000 });
    const checks = [...statusSnapshot().checks, gpuMemoryCheck(0, 'critical'), gpuTemperatureCheck(0, 'warning')];
    await act(async () => transport.emit({ ...message, head: { ...message.head, checks } }));
    await waitFor(() => assert.equal(severityClass(gauge(card, 'Memory')), 'sev-critical'), WAIT);
    assert.equal(severityClass(gauge(card, 'Temperature')), 'sev-warning');
    assert.ok(await within(card).findByRole('link', { name: `Runbook: ${GPU_MEMORY_RUNBOOK}` }, WAIT));
  });

  it('links the runbooks for a GPU tool that fails, under why there are no figures', async () => {
    const gpu = unavailableGpu('unknown', 'nvidia-smi timed out after 5 s');
    renderApp(createFakeTransport(gpuHandlersWithChecks(gpu, [gpuToolCheck()])), 'gpu');
    assert.ok(await screen.findByText('GPU figures are unknown', {}, WAIT));
    const runbooks = await screen.findByRole('list', { name: 'Runbooks for the GPU tool' }, WAIT);
    const link = within(runbooks).getByRole('link', { name: 'Runbook: nvidia-smi does not answer' });
    assert.equal(link.getAttribute('href'), '#/runbooks?id=nvidia-smi-stuck');
  });

  it('uses the status it is given rather than reading its own', async () => {
    const transport = createFakeTransport(gpuHandlersWithChecks(hotGpu(), []));
    const status: ApiCallState<StatusSnapshot> = {
      data: { ...statusSnapshot(), gpu: hotGpu(), checks: [gpuMemoryCheck(0, 'warning'), gpuTemperatureCheck(0, 'critical')] },
      error: null,
      loading: false,
      reload: () => {},
      setData: () => {},
    };
    render(
      <OpsbarContext.Provider value={transport}>
        <GpuPage navigate={() => {}} status={status} />
      </OpsbarContext.Provider>,
    );
    const card = await screen.findByRole('region', { name: H100 }, WAIT);
    assert.equal(severityClass(gauge(card, 'Memory')), 'sev-warning');
    assert.equal(severityClass(gauge(card, 'Temperature')), 'sev-critical');
    assert.ok(await within(card).findByRole('link', { name: `Runbook: ${GPU_MEMORY_RUNBOOK}` }, WAIT));
    assert.equal(transport.calls.filter((c) => c.method === 'status.get').length, 0);
  });
});

describe('Overview GPU tile severities', () => {
  it('colours the memory bar by its check and names a hot GPU in words', async () => {
    renderApp(createFakeTransport(gpuHandlersWithChecks(hotGpu(), [gpuMemoryCheck(0, 'warning'), gpuTemperatureCheck(0, 'warning')])));
    const tile = await screen.findByRole('region', { name: 'GPU' }, WAIT);
    const bar = await within(tile).findByRole('meter', { name: 'GPU 0 memory' }, WAIT);
    await waitFor(() => assert.equal(severityClass(bar.parentElement as HTMLElement), 'sev-warning'), WAIT);
    assert.equal(bar.getAttribute('aria-valuenow'), '95');
    const item = within(tile).getByRole('listitem');
    assert.match(item.textContent ?? '', /Memory: 76\.0 GB of 80\.0 GB \(95%\) Warning/);
    assert.match(item.textContent ?? '', /Warning temperature 88 °C$/);
    // The Checks panel beside it offers the runbook; the tile does not repeat it.
    assert.equal(within(tile).queryByRole('link', { name: /^Runbook:/ }), null);
    assert.ok(await screen.findByRole('button', { name: `Runbook: ${GPU_MEMORY_RUNBOOK}` }, WAIT));
  });

  it('keeps a bar neutral while its check is ok, and red when it is critical', async () => {
    const gpu = gpuSnapshot({ devices: [gpuDevice({ index: 0, memoryUsedBytes: 79.5 * 1024 ** 3 }), gpuDevice({ index: 1, memoryUsedBytes: 4 * 1024 ** 3 })] });
    renderApp(createFakeTransport(gpuHandlersWithChecks(gpu, [gpuMemoryCheck(0, 'ok'), gpuMemoryCheck(1, 'critical')])));
    const tile = await screen.findByRole('region', { name: 'GPU' }, WAIT);
    const second = await within(tile).findByRole('meter', { name: 'GPU 1 memory' }, WAIT);
    await waitFor(() => assert.equal(severityClass(second.parentElement as HTMLElement), 'sev-critical'), WAIT);
    const first = within(tile).getByRole('meter', { name: 'GPU 0 memory' });
    assert.equal(severityClass(first.parentElement as HTMLElement), 'sev-ok');
    const [firstItem, secondItem] = within(tile).getAllByRole('listitem');
    assert.doesNotMatch(firstItem.textContent ?? '', /Warning|Critical/);
    assert.match(secondItem.textContent ?? '', /\(5%\) Critical$/);
  });
});
