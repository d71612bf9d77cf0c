// End to end: the real `opsbar serve` with its models module watching a configured loopback
// Ollama (the GET API from fakeModelKinds, the streamed /api/chat from fakeModelServer at a
// known rate, behind one port) and a configured server that is gone, and the built dashboard in
// Chromium: the Models page shows the endpoint and its loaded model, "Probe now" produces a
// finished probe with its decode rate, and the Overview has its tile. Waits on what the page
// shows, never on sleeps. OPSBAR_SCREENSHOTS=1 also rewrites docs/screenshots/models.png and
// models-empty.png (1280×900), and writes the Overview to test-results/screenshots/models-overview.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openServedDashboard, type ServedDashboard } from '../support/dashboardBrowser';
import { docsScreenshots, gotoRoute, testResultScreenshots } from '../support/e2ePages';
import { HANG_GUARD_MS } from '../support/eventually';
import { startFakeModelServer as startKindServer } from '../support/fakeModelKinds';
import { startServingModelServer } from '../support/servingModelServer';

const SCREENSHOTS = docsScreenshots();
const RATE = 40;
const GB = 1024 ** 3;

/** No loopback port is searched (the host may run real model servers); Docker is not needed here. */
function modelsConfig(endpoints: string[]): string[] {
  return ['docker:', '  enabled: false', 'models:', '  detectPorts: []', '  intervalMs: 1000', '  probeIntervalMinutes: 0', ...endpoints];
}

describe('Models page end to end (opsbar serve + loopback Ollama + Chromium)', { timeout: 5 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  let page: Page;
  const closers: Array<() => Promise<void>> = [];

  before(async () => {
    const front = await startServingModelServer(
      'ollama',
      {
        version: '0.6.2',
        models: [
          { name: 'qwen3:8b', loaded: true, sizeBytes: 6.2 * GB, vramBytes: 6.2 * GB },
          { name: 'llama3.2:3b', loaded: false, sizeBytes: 2 * GB },
          { name: 'gemma3:12b', loaded: false, sizeBytes: 8.1 * GB },
        ],
      },
      { tokensPerSecond: RATE, firstTokenDelayMs: 120, promptTokens: 24 },
    );
    closers.push(() => front.close());
    const gone = await startKindServer('vllm');
    await gone.close();
    const endpoints = ['  endpoints:', `    - url: ${front.url}`, '      name: Lab Ollama', '      kind: ollama', `    - url: ${gone.url}`, '      name: vLLM on gpu-box', '      kind: vllm'];
    dashboard = await openServedDashboard({ name: 'models', config: modelsConfig(endpoints) });
    page = dashboard.page;
  });

  after(async () => {
    await dashboard?.stop();
    for (const close of closers) await close().catch(() => {});
  });

  it('shows the endpoint and its loaded model; Probe now ends in a finished probe with its decode rate', async () => {
    await gotoRoute(page, dashboard!.served, 'models');
    const card = page.getByRole('region', { name: 'Lab Ollama', exact: true });
    await card.getByText('Ollama 0.6.2').waitFor();
    await card.getByText('up · ', { exact: false }).first().waitFor();
    const model = card.getByRole('listitem', { name: 'Model qwen3:8b' });
    await model.getByText('No probes yet — Probe now measures one short answer (64 tokens)').waitFor();
    await card.getByText(/^2 more available/).waitFor();
    await page.getByRole('region', { name: 'vLLM on gpu-box' }).getByText('down', { exact: true }).waitFor();

    await model.getByRole('button', { name: 'Probe qwen3:8b now' }).click();
    const result = model.getByText(/^Finished: [\d.]+ tok\/s · TTFT \d+ ms$/);
    await result.waitFor();
    const rate = Number(/: ([\d.]+) tok\/s/.exec((await result.textContent()) ?? '')?.[1]);
    assert.ok(rate > 0, `a decode rate is shown (${rate} tok/s; the server streams ${RATE})`);
    // The figures side by side and the chart of the probe, from the stored history.
    await model.getByRole('columnheader', { name: 'Opsbar measured' }).waitFor();
    await model.getByText(/^Decode: min /).waitFor();
    await model.locator('.chart-canvas canvas').first().waitFor();
    assert.equal(await model.getByRole('button', { name: 'Probe qwen3:8b now' }).isEnabled(), true);
    assert.deepEqual(dashboard!.pageErrors, []);
    assert.deepEqual(dashboard!.dialogs, []);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'models.png'), fullPage: true });
  });

  it('the Overview has a Models tile with servers up and the loaded model, linking to the Models page', async () => {
    await gotoRoute(page, dashboard!.served, 'overview');
    const tile = page.getByRole('region', { name: 'Models', exact: true });
    await tile.getByText('1 of 2 servers up · 1 model loaded').waitFor();
    await tile.getByText('qwen3:8b', { exact: true }).waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: join(testResultScreenshots(), 'models-overview.png'), fullPage: true });
    await tile.getByRole('link', { name: 'Open the Models page' }).click();
    await page.getByRole('region', { name: 'Lab Ollama', exact: true }).waitFor();
    assert.deepEqual(dashboard!.pageErrors, []);
  });
});

describe('Models page end to end with no model server', { timeout: 3 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;

  before(async () => {
    dashboard = await openServedDashboard({ name: 'models', config: modelsConfig([]) });
  });

  after(async () => {
    await dashboard?.stop();
  });

  it('says no server was found and how to name one in the config; the Overview has no Models tile', async () => {
    const { page, served } = dashboard!;
    await gotoRoute(page, served, 'models');
    await page.getByText('No model server found').waitFor();
    await page.getByText(/in config\.yaml \(/).waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'models-empty.png'), fullPage: true });
    await gotoRoute(page, served, 'overview');
    await page.getByText('Open the GPU page').waitFor();
    assert.equal(await page.getByRole('region', { name: 'Models', exact: true }).count(), 0);
    assert.deepEqual(dashboard!.pageErrors, []);
  });
});
