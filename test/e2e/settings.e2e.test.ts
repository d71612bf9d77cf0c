// End to end: the real `opsbar serve` and the built dashboard in Chromium — the Settings page's
// forms from the core's schema, the config file's problem linked to its field, a save that lands
// in config.yaml, and "Download diagnostics" as a real browser download (no secret inside).
// Waits on what the page shows, never on sleeps. OPSBAR_SCREENSHOTS=1 writes docs/screenshots/settings.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openServedDashboard, type ServedDashboard } from '../support/dashboardBrowser';
import { docsScreenshots, openNavPage, testResultScreenshots } from '../support/e2ePages';
import { HANG_GUARD_MS } from '../support/eventually';

const SCREENSHOTS = docsScreenshots() ?? testResultScreenshots();
const SECRET = 'e2e-hook-s3cr3t-91x';

describe('the Settings page end to end (opsbar serve + Chromium)', { timeout: 4 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  let page: Page;

  before(async () => {
    dashboard = await openServedDashboard({
      name: 'settings',
      config: [
        'monitoring:',
        '  systemIntervalMs: "fast"',
        'docker:',
        '  enabled: false',
        'gpu:',
        '  enabled: false',
        'notifications:',
        '  webhooks:',
        '    - name: ops',
        '      kind: slack',
        `      url: https://hooks.slack.com/services/T0/${SECRET}`,
      ],
    });
    page = dashboard.page;
  });

  after(async () => {
    await dashboard?.stop();
  });

  it("shows the file's problem with a link to its field, which is open and marked", async () => {
    await openNavPage(page, 'Settings');
    const problems = page.getByRole('list', { name: 'Config problems' });
    await problems.getByRole('button', { name: 'monitoring.systemIntervalMs' }).waitFor();
    const interval = page.locator('#settings-field-monitoring-systemIntervalMs');
    await interval.waitFor();
    assert.equal(await interval.getAttribute('aria-invalid'), 'true');
    await page.locator('#settings-field-monitoring-systemIntervalMs-errors').getByText(/In the file: .*expected number/).waitFor();
    await problems.getByRole('button', { name: 'monitoring.systemIntervalMs' }).click();
    await page.locator('#settings-field-monitoring-systemIntervalMs:focus').waitFor();
    assert.ok(!(await page.content()).includes(SECRET), 'the page holds the webhook URL whole');
    // One more section open for the picture: lists, a nested group (the maintenance window), JSON.
    await page.getByRole('button', { name: /^Runbooks/ }).click();
    await page.locator('#settings-field-runbooks-maintenanceWindow-cron').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'settings.png'), fullPage: true });
  });

  it('saves a section through the core: the file changes, the problem goes', async () => {
    await page.getByRole('button', { name: /^Retention/ }).click();
    await page.locator('#settings-field-retention-eventDays').fill('30');
    await page.getByRole('button', { name: 'Save Retention' }).click();
    await page.getByRole('form', { name: 'Retention settings' }).getByRole('status').getByText('Saved.').waitFor();
    assert.match(readFileSync(join(dashboard!.dataDir, 'config.yaml'), 'utf8'), /eventDays: 30/);

    await page.locator('#settings-field-monitoring-systemIntervalMs').fill('5000');
    await page.getByRole('button', { name: 'Save Monitoring' }).click();
    await page.getByText('No problems: every setting in the file applies.').waitFor();
    assert.match(readFileSync(join(dashboard!.dataDir, 'config.yaml'), 'utf8'), /systemIntervalMs: 5000/);
    // A value out of range is refused by the core at its field, and the file keeps the last good one.
    await page.locator('#settings-field-monitoring-systemIntervalMs').fill('10');
    await page.getByRole('button', { name: 'Save Monitoring' }).click();
    await page.locator('#settings-field-monitoring-systemIntervalMs-errors').getByText(/Too small/).waitFor();
    assert.match(readFileSync(join(dashboard!.dataDir, 'config.yaml'), 'utf8'), /systemIntervalMs: 5000/);
  });

  it('"Download diagnostics" downloads opsbar-diagnostics-<host>-<date>.json without the webhook secret', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download diagnostics' }).click()]);
    assert.match(download.suggestedFilename(), /^opsbar-diagnostics-[A-Za-z0-9._-]+-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    assert.ok(!text.includes(SECRET), 'the bundle holds the webhook secret');
    const bundle = JSON.parse(text) as { store: { path: string }; configPath: string };
    assert.equal(bundle.configPath, join(dashboard!.dataDir, 'config.yaml'));
    // The refused save above is an HTTP 400 the browser logs; anything else is a finding.
    assert.deepEqual(dashboard!.pageErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e)), []);
    assert.deepEqual(dashboard!.dialogs, []);
  });
});
