// End to end: the real `opsbar serve` and the built dashboard in Chromium — a failing container's
// log is one click from its row on the Stacks page, and a running container's log follows live.
// OPSBAR_SCREENSHOTS=1 also writes docs/screenshots/container-logs.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openServedDashboard, type ServedDashboard } from '../support/dashboardBrowser';
import { createTestStack, removeTestStacks, requireDocker, testDocker } from '../support/dockerEngine';
import { docsScreenshots, openNavPage, testResultScreenshots } from '../support/e2ePages';
import { eventually, HANG_GUARD_MS } from '../support/eventually';

const SCREENSHOTS = docsScreenshots() ?? testResultScreenshots();
const PROJECT = `opsbar-e2e-logs-${process.pid}`;

describe('container logs end to end (opsbar serve + Chromium)', { timeout: 5 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  let page: Page;

  before(async () => {
    dashboard = await openServedDashboard({ name: 'logs', config: ['gpu:', '  enabled: false'] });
    page = dashboard.page;
  });

  after(async () => {
    await dashboard?.stop();
    await removeTestStacks();
  });

  it("a failing container's log is one click from its row; a running one's follows live", async (t) => {
    if (!(await requireDocker(t))) return;
    const stack = await createTestStack(PROJECT, [
      { name: 'loader', command: ['sh', '-c', 'echo "loading model /models/llama-3-8b.gguf"; echo "warming up"; echo "FATAL: /models/llama-3-8b.gguf: no such file or directory" >&2; exit 3'] },
      { name: 'api', command: ['sh', '-c', 'echo "listening on :8080"; i=0; while :; do i=$((i+1)); echo "GET /v1/models 200 (request $i)"; sleep 0.05; done'] },
    ]);
    const loader = stack.get('loader');
    const api = stack.get('api');
    await eventually('the loader to exit', async () => (await testDocker().getContainer(loader.id).inspect()).State.Status === 'exited', { everyMs: 50 });

    await openNavPage(page, 'Stacks');
    const section = page.getByRole('region', { name: `Stack ${PROJECT}` });
    const loaderRow = section.locator('tr', { has: page.getByText(loader.name, { exact: true }) });
    await loaderRow.getByText('exited', { exact: true }).waitFor();

    // The running container: a line printed after the view opened arrives by itself.
    const apiRow = section.locator('tr', { has: page.getByText(api.name, { exact: true }) });
    await apiRow.getByRole('button', { expanded: false }).click();
    const apiLog = page.getByRole('region', { name: `Log of ${api.name}` });
    await apiLog.getByText('listening on :8080').waitFor();
    const requestNumber = async () => Number(/request (\d+)\)\s*$/.exec((await apiLog.locator('.log-line').last().textContent()) ?? '')?.[1] ?? 0);
    const first = await requestNumber();
    await eventually('a later line, live', async () => (await requestNumber()) > first + 2);
    assert.equal(await apiLog.getByRole('button', { name: 'Following' }).getAttribute('aria-pressed'), 'true');

    // Scrolled up, the view stays where the reader is and offers a way back; at the bottom it follows.
    const body = apiLog.getByRole('log');
    await eventually('the log to overflow its box', () => body.evaluate((el) => el.scrollHeight > el.clientHeight + 200));
    await body.evaluate((el) => (el.scrollTop = 0));
    const jump = apiLog.getByRole('button', { name: 'Jump to latest' });
    await jump.waitFor();
    const seen = await requestNumber();
    await eventually('more lines while scrolled up', async () => (await requestNumber()) > seen + 5);
    assert.equal(await body.evaluate((el) => el.scrollTop), 0, 'no auto-scroll while the reader is up the log');
    await jump.click();
    await jump.waitFor({ state: 'detached' });
    await eventually('following at the bottom again', async () => {
      const before = await requestNumber();
      return (await requestNumber()) > before && body.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 24);
    });

    // Search within it.
    await apiLog.getByLabel('Search the log').fill('LISTENING');
    await apiLog.getByText('1 matching line').waitFor();
    assert.equal(await apiLog.locator('.log-line').count(), 1);
    await apiLog.getByLabel('Search the log').fill('');

    // One click: the row opens with its log, the error line marked as stderr.
    await loaderRow.getByRole('button', { expanded: false }).click();
    const loaderLog = page.getByRole('region', { name: `Log of ${loader.name}` });
    const fatal = loaderLog.locator('.log-line', { hasText: 'FATAL: /models/llama-3-8b.gguf: no such file or directory' });
    await fatal.waitFor();
    assert.equal(await fatal.locator('.log-marker').textContent(), 'stderr');
    await loaderLog.getByText('Not following: the container is not running, so nothing new will come.').waitFor();
    assert.equal(await loaderLog.locator('.log-line').count(), 3);
    assert.equal(await loaderLog.getByRole('button', { name: 'Follow', exact: true }).getAttribute('aria-pressed'), 'false');

    await loaderLog.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'container-logs.png'), fullPage: true });
    assert.deepEqual(dashboard!.pageErrors, []);
  });
});
