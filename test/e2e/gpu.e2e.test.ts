// End to end: the real `opsbar serve` with its GPU module reading a stand-in nvidia-smi that
// replays a real H100 capture in loop mode, one of its processes the host PID of a real container,
// and the built dashboard in Chromium. Waits on what the page shows, never on sleeps.
// OPSBAR_SCREENSHOTS=1 also rewrites docs/screenshots/gpu.png (1280×900).
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openServedDashboard, type ServedDashboard } from '../support/dashboardBrowser';
import { createTestStack, dockerAvailable, removeTestStacks } from '../support/dockerEngine';
import { docsScreenshots, gotoRoute } from '../support/e2ePages';
import { HANG_GUARD_MS } from '../support/eventually';
import { REPO_ROOT } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

const SCREENSHOTS = docsScreenshots();
const H100 = join(REPO_ROOT, 'test', 'fixtures', 'nvidia-smi', 'captures', 'linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt');

describe('GPU page end to end (opsbar serve + stand-in nvidia-smi + Chromium)', { timeout: 5 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  let page: Page;
  let containerName: string | null = null;

  before(async () => {
    // The stand-in answers as `nvidia-smi`: a link of that name in a folder of its own.
    const smi = join(tempDir('opsbar-e2e-gpu-bin-'), 'nvidia-smi');
    symlinkSync(join(REPO_ROOT, 'test', 'support', 'fakeNvidiaSmi.mjs'), smi);
    const env: NodeJS.ProcessEnv = { FAKE_NVIDIA_SMI_CAPTURE: H100, FAKE_NVIDIA_SMI_PHASE: 'load', FAKE_NVIDIA_SMI_GPUS: '2' };
    if (await dockerAvailable()) {
      const stack = await createTestStack('llm', [{ name: 'vllm' }]);
      const vllm = stack.get('vllm');
      containerName = vllm.name;
      env.FAKE_NVIDIA_SMI_PIDS = `${(await vllm.container.inspect()).State.Pid},11327,11328`;
    } else {
      console.log('SKIPPED (part): no Docker engine, so no GPU process is mapped to a container in this run');
    }
    dashboard = await openServedDashboard({ name: 'gpu', config: ['gpu:', `  nvidiaSmiPath: ${smi}`, '  processIntervalMs: 1000'], env });
    page = dashboard.page;
  });

  after(async () => {
    await dashboard?.stop();
    await removeTestStacks();
  });

  it('shows every GPU of the capture with its memory, and the processes by memory with their container', async () => {
    await gotoRoute(page, dashboard!.served, 'gpu');
    await page.getByText('GPU 0 · NVIDIA H100 80GB HBM3').waitFor();
    await page.getByText('GPU 1 · NVIDIA H100 80GB HBM3').waitFor();
    const body = (await page.textContent('body')) ?? '';
    assert.match(body, /19\.4 GB of 79\.6 GB/, 'memory used of total, as the capture says (19,818 of 81,559 MiB)');
    const table = page.getByRole('table');
    await table.getByText('./gpu_burn').or(table.getByText('/root/tools/memhog').first()).first().waitFor();
    if (containerName) {
      const link = page.getByRole('link', { name: containerName });
      await link.waitFor();
      assert.match((await link.getAttribute('href')) ?? '', /#\/stacks\?q=/);
    }
    assert.deepEqual(dashboard!.pageErrors, []);
    if (SCREENSHOTS) {
      await page.locator('.chart-canvas canvas').first().waitFor().catch(() => undefined);
      await page.screenshot({ path: join(SCREENSHOTS, 'gpu.png'), fullPage: true });
    }
  });

  it('the Overview has a GPU tile that links to the GPU page', async () => {
    await gotoRoute(page, dashboard!.served, 'overview');
    const tile = page.getByRole('region', { name: 'GPU', exact: true });
    await tile.getByText(/of 79\.6 GB/).first().waitFor();
    assert.deepEqual(dashboard!.pageErrors, []);
  });
});
