// End to end: the real `opsbar serve` and the built dashboard in Chromium — the Incidents page,
// the Audit page, and the notification settings with a Test button against a loopback webhook
// receiver this test runs. Waits on what the page shows (and what the receiver got), never on sleeps.
// OPSBAR_SCREENSHOTS=1 also writes docs/screenshots/incidents.png, audit.png and notifications.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startReceiver } from '../core/notifications/webhookReceiver';
import { openServedDashboard, stopWithin, type ServedDashboard } from '../support/dashboardBrowser';
import { createTestStack, removeTestStacks, requireDocker } from '../support/dockerEngine';
import { docsScreenshots, openLiveDashboard, openNavPage, serveWithConfig, testResultScreenshots } from '../support/e2ePages';
import { eventually, HANG_GUARD_MS } from '../support/eventually';
import { callApi, type ServedOpsbar } from '../support/opsbarProcess';

const SCREENSHOTS = docsScreenshots() ?? testResultScreenshots();
/** The secret part of the webhook URL: the page must never be sent it. */
const SECRET = 's3cr3t-7f3kq9';
const NO_INCIDENTS = 'No incidents. An incident opens when an alert fires at warning or worse.';

/** What a webhook post says it is for: `test` for the Test button's (null: not JSON, or no reason). */
function reasonOf(body: string): string | null {
  try {
    return (JSON.parse(body) as { reason?: string }).reason ?? null;
  } catch {
    return null;
  }
}

describe('incidents, audit and notification settings end to end (opsbar serve + Chromium)', { timeout: 5 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  let quiet: ServedOpsbar | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  let page: Page;

  before(async () => {
    receiver = await startReceiver();
    dashboard = await openServedDashboard({
      name: 'incidents',
      config: ['monitoring:', '  dockerIntervalMs: 3600000', 'notifications:', '  webhooks:', '    - name: loopback', '      kind: json', `      url: ${receiver.url(`/hook/${SECRET}`)}`, '      minSeverity: warning'],
    });
    page = dashboard.page;
  });

  after(async () => {
    await dashboard?.stop();
    if (quiet) await stopWithin(quiet, 10_000).catch(() => {});
    await receiver?.close();
    await removeTestStacks();
  });

  it('shows the Incidents page with its empty state and the weekly chart, and the Overview its alerts card', async () => {
    // The shared engine's containers (other test files run beside this one) and this busy host can
    // open incidents at any time, so the empty state is shown by a second instance that watches
    // neither: Docker and the GPU off, the host's own alert kinds disabled.
    const disabled = ['cpu.high', 'memory.high', 'disk.free', 'gpu.memory', 'model.down', 'model.slow'];
    quiet = await serveWithConfig('incidents-quiet', ['docker:', '  enabled: false', 'gpu:', '  enabled: false', 'alerts:', '  rules:', ...disabled.flatMap((kind) => [`    ${kind}:`, '      enabled: false'])]);
    await openLiveDashboard(page, quiet);
    await page.getByRole('region', { name: 'Firing alerts' }).waitFor();
    await openNavPage(page, 'Incidents');
    assert.match(page.url(), /#\/incidents$/);
    await page.getByText(NO_INCIDENTS, { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Incidents per week' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'incidents.png'), fullPage: true });
    assert.deepEqual(dashboard!.pageErrors, []);
    await openLiveDashboard(page, dashboard!.served);
  });

  it('lists the webhook channel with its target redacted, and its Test button delivers to the receiver', async () => {
    await openNavPage(page, 'Settings');
    const channels = page.getByRole('table', { name: 'Notification channels' });
    const row = channels.getByRole('row', { name: 'Channel loopback' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.ok(!text.includes(SECRET), `the channel row shows the URL's secret: ${text}`);
    assert.ok(!((await page.content()).includes(SECRET)), 'the page holds the webhook URL whole');
    await row.getByRole('button', { name: 'Test' }).click();
    await row.getByRole('status').getByText(/Test delivered \(HTTP 200\)\./).waitFor();
    // Only test messages count: a real alert of this busy machine (sustained CPU) may be delivered too.
    const tests = () => receiver!.requests.filter((request) => reasonOf(request.body) === 'test');
    await eventually('the receiver to get the test notification', () => tests().length >= 1, { everyMs: 20 });
    assert.equal(tests().length, 1, `the receiver got ${tests().length} test posts for one test: ${receiver!.requests.map((request) => request.body).join('\n').slice(0, 2000)}`);
    await row.getByText(/delivered (just now|\d+s ago) \(HTTP 200\)/).waitFor();
    await page.getByRole('region', { name: 'Notifications' }).screenshot({ path: join(SCREENSHOTS, 'notifications.png') });
    assert.deepEqual(dashboard!.pageErrors, []);
  });

  it('shows a silence added through the API as an audit row, filtered by kind', async () => {
    const added = await callApi(dashboard!.served, 'silences.add', { kind: 'container.restart_loop', subject: 'demo-loop', forMs: 2 * 3_600_000, reason: 'e2e: deploying demo' });
    assert.equal(added.ok, true, `silences.add failed: ${JSON.stringify(added.error)}`);
    await openNavPage(page, 'Audit');
    const table = page.getByRole('table');
    const silenceRow = table.getByRole('row').filter({ hasText: 'silence.add' });
    await silenceRow.first().waitFor();
    assert.match((await silenceRow.first().textContent()) ?? '', /container\.restart_loop/);
    await page.getByLabel('Kind').selectOption('silence');
    await silenceRow.first().waitFor();
    await eventually('only silence rows to be listed', async () => (await table.getByRole('row').filter({ hasNotText: 'silence.' }).count()) === 1, { everyMs: 50 });
    await page.getByLabel('Kind').selectOption('');
    await page.screenshot({ path: join(SCREENSHOTS, 'audit.png'), fullPage: true });
    assert.deepEqual(dashboard!.dialogs, []);
    assert.deepEqual(dashboard!.pageErrors, []);
  });

  // Needs the finished alert and incident engines (container.restart_loop from Docker's events, an incident for it).
  it('shows a container in a restart loop as one alert, one folded event row and one incident', async (t) => {
    if (!(await requireDocker(t))) return;
    // Exits a second after each start; Docker's restart policy brings it back (with its own growing delay).
    const stack = await createTestStack(`opsbar-e2e-loop-${process.pid}`, [{ name: 'demo-loop', command: ['sh', '-c', 'sleep 1; exit 1'], restart: 'always' }]);
    const name = stack.get('demo-loop').name;
    await openNavPage(page, 'Overview');
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
    // The Incidents entry's badge counts the open incidents: other test files' containers on the shared engine may have some too.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: /Incidents/ }).getByText(/^[1-9]\d*$/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'incidents.png'), fullPage: true });
    assert.deepEqual(dashboard!.pageErrors, []);
  });
});
