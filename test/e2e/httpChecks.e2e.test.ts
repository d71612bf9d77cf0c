// End to end: the real `opsbar serve` checks two real local servers and the built dashboard shows
// them on the Health checks page — one up, one that answers 503 and is down after three failures
// in a row, with its first bytes. OPSBAR_SCREENSHOTS=1 also writes docs/screenshots/http-checks.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openServedDashboard, type ServedDashboard } from '../support/dashboardBrowser';
import { docsScreenshots, openNavPage, testResultScreenshots } from '../support/e2ePages';
import { HANG_GUARD_MS } from '../support/eventually';
import { startTestServer, type TestServer } from '../core/monitors/http/httpTestServer';

const SCREENSHOTS = docsScreenshots() ?? testResultScreenshots();

describe('health checks end to end (opsbar serve + Chromium)', { timeout: 3 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  let api: TestServer;
  let search: TestServer;

  before(async () => {
    api = await startTestServer((_req, res) => res.end('{"status":"ok"}'));
    search = await startTestServer((_req, res) => {
      res.statusCode = 503;
      res.setHeader('Content-Type', 'application/json');
      res.end('{"status":"unavailable","reason":"index rebuilding: 41% done"}');
    });
    dashboard = await openServedDashboard({
      name: 'http',
      config: [
        'gpu:',
        '  enabled: false',
        'docker:',
        '  enabled: false',
        'models:',
        '  enabled: false',
        'http:',
        '  checks:',
        '    - name: inference-api',
        `      url: http://127.0.0.1:${api.port}/health`,
        '      expectBody: \'"status":"ok"\'',
        '      intervalMs: 1000',
        '    - name: vector-search',
        `      url: http://127.0.0.1:${search.port}/health?token=not-for-your-eyes`,
        '      intervalMs: 1000',
        '      timeoutMs: 500',
      ],
    });
  });

  after(async () => {
    await dashboard?.stop();
    await api?.close();
    await search?.close();
  });

  it('one check up, one down after three failures with what it answered; no secret on the page', async () => {
    const page = dashboard!.page;
    await openNavPage(page, 'Health checks');
    const table = page.getByRole('table', { name: 'Health checks' });
    const upRow = table.locator('tr[data-check="inference-api"]');
    const downRow = table.locator('tr[data-check="vector-search"]');
    await upRow.getByText('Up', { exact: true }).waitFor();
    await downRow.getByText('Down', { exact: true }).waitFor();
    await downRow.getByText('answered 503, expected 200').waitFor();
    await downRow.getByText('{"status":"unavailable","reason":"index rebuilding: 41% done"}').waitFor();
    assert.match((await downRow.textContent()) ?? '', /token=redacted/);
    assert.equal(((await page.content()) ?? '').includes('not-for-your-eyes'), false, 'the token is not on the page');
    await page.getByText(/1 of 2 up/).waitFor();
    // A fresh server has under two minutes of latency history: the sparklines say "no history yet" (1-minute points over the hour).
    await downRow.getByText('no history yet').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'http-checks.png'), fullPage: true });
    assert.deepEqual(dashboard!.pageErrors, []);
  });
});
