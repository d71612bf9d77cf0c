/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { COMMA_PROCESS, gpuDevice, gpuHandlers, gpuProcess, gpuSnapshot, HOSTILE_PROCESS, hostInventory, unavailableGpu } from './gpuFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const WAIT = { timeout: 10_000 };
const HOSTILE_SCRIPT = '"><script>alert(2)</script>';

function assertNothingInjected(): void {
  assert.equal(document.querySelector('img'), null, 'an <img> element was created from untrusted text');
  assert.equal(document.querySelector('script'), null, 'a <script> element was created from untrusted text');
}

function hostileGpu() {
  return gpuSnapshot({
    devices: [gpuDevice({ index: 0, name: `H100 ${HOSTILE_SCRIPT}` })],
    processesNote: `note ${HOSTILE_PROCESS}`,
    processes: [
      gpuProcess({ pid: 10, name: HOSTILE_PROCESS, memoryBytes: 3e9, user: HOSTILE_SCRIPT }),
      gpuProcess({ pid: 11, name: COMMA_PROCESS, memoryBytes: 2e9 }),
      gpuProcess({
        pid: 12,
        name: 'worker',
        memoryBytes: 1e9,
        container: { id: 'abcdef0123456789', name: HOSTILE_PROCESS, stack: `${HOSTILE_PROCESS}&q=x#/runbooks`, service: null },
      }),
    ],
  });
}

describe('untrusted text from the GPU tools', () => {
  it('renders hostile process, user, device and container names as inert text', async () => {
    const inventory = hostInventory({ gpus: [{ vendor: 'Acme', model: HOSTILE_PROCESS, vramBytes: null, cores: null }] });
    renderApp(createFakeTransport(gpuHandlers(hostileGpu(), inventory)), 'gpu');
    const processes = await screen.findByRole('region', { name: 'GPU processes' }, WAIT);
    assert.ok(screen.getByRole('region', { name: `GPU 0 · H100 ${HOSTILE_SCRIPT}` }));
    assert.ok(within(processes).getByText(`note ${HOSTILE_PROCESS}`));
    const names = within(processes).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[1].textContent);
    assert.deepEqual(names, [HOSTILE_PROCESS, COMMA_PROCESS, 'worker']);
    assert.ok(within(processes).getByText(HOSTILE_SCRIPT));
    const hardware = await screen.findByRole('region', { name: 'Hardware' }, WAIT);
    assert.ok(await within(hardware).findByText(`Acme ${HOSTILE_PROCESS}`, {}, WAIT));
    assertNothingInjected();
  });

  it('keeps a hostile stack name inside the Stacks filter query', async () => {
    renderApp(createFakeTransport(gpuHandlers(hostileGpu())), 'gpu');
    const processes = await screen.findByRole('region', { name: 'GPU processes' }, WAIT);
    const link = within(processes).getByRole('link', { name: HOSTILE_PROCESS });
    const stack = `${HOSTILE_PROCESS}&q=x#/runbooks`;
    assert.equal(link.getAttribute('href'), `#/stacks?q=${encodeURIComponent(stack)}`);
    fireEvent.click(link);
    assert.equal((await screen.findByRole('searchbox', {}, WAIT)).getAttribute('value'), stack);
    assertNothingInjected();
  });

  it('renders a hostile error from the core as text', async () => {
    renderApp(createFakeTransport(gpuHandlers(unavailableGpu('unknown', HOSTILE_PROCESS))), 'gpu');
    const alert = await screen.findByRole('alert', {}, WAIT);
    assert.match(alert.textContent ?? '', /could not read it: <img src=x onerror=alert\(1\)>\./);
    assertNothingInjected();
  });
});
