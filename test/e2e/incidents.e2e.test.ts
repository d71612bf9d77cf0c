// End to end: the real `opsbar serve` and the built dashboard in Chromium — the Incidents page,
// the Audit page, and the notification settings with a Test button against a loopback webhook
// receiver this test runs. Waits on what the page shows (and what the receiver got), never on sleeps.
// OPSBAR_SCREENSHOTS=1 also writes docs/screenshots/incidents.png, audit.png and notifications.png.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { missingE2ePrerequisites, openDashboardBrowser, stopWithin, type DashboardBrowser } from '../support/dashboardBrowser';
import { createTestStack, removeTestStacks, requireDocker } from '../support/dockerEngine';
import { eventually, HANG_GUARD_MS } from '../support/eventually';
import { callApi, REPO_ROOT, serveOpsbar, type ServedOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

const SCREENSHOTS = process.env.OPSBAR_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : join(REPO_ROOT, 'test-results', 'screenshots');
/** The secret part of the webhook URL: the page must never be sent it. */
const SECRET = 's3cr3t-7f3kq9';
const NO_INCIDENTS = 'No incidents. An incident opens when an alert fires at warning or worse.';

interface Receiver {
  server: Server;
  url: string;
  bodies: unknown[];
}

/** A webhook receiver on loopback: answers 200 and keeps every JSON body it was posted. */
async function startReceiver(): Promise<Receiver> {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      try {
        bodies.push(JSON.parse(text));
      } catch {
        bodies.push(text);
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hook/${SECRET}`, bodies };
}

describe('incidents, audit and notification settings end to end (opsbar serve + Chromium)', { timeout: 5 * HANG_GUARD_MS }, () => {
  let served: ServedOpsbar | undefined;
  let quiet: ServedOpsbar | undefined;
  let browser: DashboardBrowser | undefined;
  let receiver: Receiver | undefined;
  let page: Page;
  let dialogs: string[] = [];
  let pageErrors: string[] = [];

  const openPage = async (label: string) => {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: label }).click();
  };

  before(async () => {
    const missing = missingE2ePrerequisites();
    if (missing.length > 0) throw new Error(`Cannot run the incidents end-to-end test:\n  - ${missing.join('\n  - ')}`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    receiver = await startReceiver();
    const dataDir = tempDir('opsbar-e2e-incidents-');
    writeFileSync(
      join(dataDir, 'config.yaml'),
      ['monitoring:', '  dockerIntervalMs: 3600000', 'notifications:', '  webhooks:', '    - name: loopback', '      kind: json', `      url: ${receiver.url}`, '      minSeverity: warning', ''].join('\n'),
    );
    served = await serveOpsbar(dataDir);
    browser = await openDashboardBrowser({ width: 1280, height: 900 });
    ({ page, dialogs, pageErrors } = browser);
    page.setDefaultTimeout(HANG_GUARD_MS);
    await page.goto(served.url);
    await page.getByText('live', { exact: true }).waitFor();
  });

  after(async () => {
    await browser?.close();
    if (served) await stopWithin(served, 10_000).catch(() => {});
    if (quiet) await stopWithin(quiet, 10_000).catch(() => {});
    receiver?.server.close();
    await removeTestStacks();
  });

  it('shows the Incidents page with its empty state and the weekly chart, and the Overview its alerts card', async () => {
    // The shared engine's containers (other test files run beside this one) and this busy host can
    // open incidents at any time, so the empty state is shown by a second instance that watches
    // neither: Docker and the GPU off, the host's own alert kinds disabled.
    const quietDir = tempDir('opsbar-e2e-incidents-quiet-');
    const disabled = ['cpu.high', 'memory.high', 'disk.free', 'gpu.memory', 'model.down', 'model.slow'];
    writeFileSync(
      join(quietDir, 'config.yaml'),
      ['docker:', '  enabled: false', 'gpu:', '  enabled: false', 'alerts:', '  rules:', ...disabled.flatMap((kind) => [`    ${kind}:`, '      enabled: false']), ''].join('\n'),
    );
    quiet = await serveOpsbar(quietDir);
    await page.goto(quiet.url);
    await page.getByText('live', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Firing alerts' }).waitFor();
    await openPage('Incidents');
    assert.match(page.url(), /#\/incidents$/);
    await page.getByText(NO_INCIDENTS, { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Incidents per week' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'incidents.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
    await page.goto(served!.url);
    await page.getByText('live', { exact: true }).waitFor();
  });

  it('lists the webhook channel with its target redacted, and its Test button delivers to the receiver', async () => {
    await openPage('Settings');
    const channels = page.getByRole('table', { name: 'Notification channels' });
    const row = channels.getByRole('row', { name: 'Channel loopback' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.ok(!text.includes(SECRET), `the channel row shows the URL's secret: ${text}`);
    assert.ok(!((await page.content()).includes(SECRET)), 'the page holds the webhook URL whole');
    await row.getByRole('button', { name: 'Test' }).click();
    await row.getByRole('status').getByText(/Test delivered \(HTTP 200\)\./).waitFor();
    // Only test messages count: a real alert of this busy machine (sustained CPU) may be delivered too.
    const tests = () => receiver!.bodies.filter((b) => (b as { reason?: string }).reason === 'test');
    await eventually('the receiver to get the test notification', () => tests().length >= 1, { everyMs: 20 });
    assert.equal(tests().length, 1, `the receiver got ${tests().length} test posts for one test: ${JSON.stringify(receiver!.bodies).slice(0, 2000)}`);
    await row.getByText(/delivered (just now|\d+s ago) \(HTTP 200\)/).waitFor();
    await page.getByRole('region', { name: 'Notifications' }).screenshot({ path: join(SCREENSHOTS, 'notifications.png') });
    assert.deepEqual(pageErrors, []);
  });

  it('shows a silence added through the API as an audit row, filtered by kind', async () => {
    const added = await callApi(served!, 'silences.add', { kind: 'container.restart_loop', subject: 'demo-loop', forMs: 2 * 3_600_000, reason: 'e2e: deploying demo' });
    assert.equal(added.ok, true, `silences.add failed: ${JSON.stringify(added.error)}`);
    await openPage('Audit');
    const table = page.getByRole('table');
    const silenceRow = table.getByRole('row').filter({ hasText: 'silence.add' });
    await silenceRow.first().waitFor();
    assert.match((await silenceRow.first().textContent()) ?? '', /container\.restart_loop/);
    await page.getByLabel('Kind').selectOption('silence');
    await silenceRow.first().waitFor();
    await eventually('only silence rows to be listed', async () => (await table.getByRole('row').filter({ hasNotText: 'silence.' }).count()) === 1, { everyMs: 50 });
    await page.getByLabel('Kind').selectOption('');
    await page.screenshot({ path: join(SCREENSHOTS, 'audit.png'), fullPage: true });
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  });

  // Needs the finished alert and incident engines (container.restart_loop from Docker's events, an incident for it).
  it('shows a container in a restart loop as one alert, one folded event row and one incident', async (t) => {
    if (!(await requireDocker(t))) return;
    // Exits a second after each start; Docker's restart policy brings it back (with its own growing delay).
    const stack = await createTestStack(`opsbar-e2e-loop-${process.pid}`, [{ name: 'demo-loop', command: ['sh', '-c', 'sleep 1; exit 1'], restart: 'always' }]);
    const name = stack.get('demo-loop').name;
    await openPage('Overview');
    const alerts = page.getByRole('region', { name: 'Firing alerts' });
    // The firing one, with its incident (a pending "restarting" alert may come and go before it).
    const loopAlert = alerts.getByRole('listitem').filter({ hasText: name }).filter({ has: page.getByRole('link', { name: /^Incident #\d+$/ }) });
    await loopAlert.first().waitFor();
    assert.equal(await alerts.getByRole('listitem').filter({ hasText: name }).count(), 1, 'a restart loop is one alert');
    assert.match((await loopAlert.textContent()) ?? '', /restarted \d+ times/);
    const events = page.getByRole('region', { name: 'Recent events' });
    await events.getByText(/^restarted \d+ times in \d+ (s|min)$/).first().waitFor();
    // Other news about it (a check that changed) may be rows of their own; no start or exit is.
    const rowsAbout = await events.getByRole('listitem').filter({ hasText: name }).allTextContents();
    const folded = rowsAbout.filter((row) => /restarted \d+ times in/.test(row));
    const unfolded = rowsAbout.filter((row) => / started\.$| exited with code \d+\.$/.test(row));
    assert.equal(folded.length, 1, `not one folded row:\n${rowsAbout.join('\n')}`);
    assert.deepEqual(unfolded, [], `starts and exits outside the folded row:\n${rowsAbout.join('\n')}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-alerts.png'), fullPage: true });
    await loopAlert.getByRole('link', { name: /^Incident #\d+$/ }).click();
    const detail = page.getByRole('region', { name: 'Incident', exact: true });
    await detail.getByRole('list', { name: 'Timeline' }).waitFor();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: /Incidents/ }).getByText('1', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'incidents.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
});
