// End to end: the real `opsbar serve` and the built dashboard in Chromium — the Emergency page's
// disk plan (as the tray opens it), ticks, Confirm, live progress and the verified result. The
// Docker engine is shared with other test files: every item but this test's own stopped container
// is unticked, and the Docker API then shows that exactly that container went and this test's other
// objects (a second stopped container left unticked, a running one, a named volume, the test image) stay.
// OPSBAR_SCREENSHOTS=1 also writes docs/screenshots/emergency-plan.png and emergency-result.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ActionRecord } from '../../shared/types/actions';
import { openServedDashboard, type ServedDashboard } from '../support/dashboardBrowser';
import { createTestStack, removeTestStacks, requireDocker, TEST_IMAGE, testDocker } from '../support/dockerEngine';
import { docsScreenshots, openNavPage, testResultScreenshots } from '../support/e2ePages';
import { eventually, HANG_GUARD_MS } from '../support/eventually';
import { callApi } from '../support/opsbarProcess';

const SCREENSHOTS = docsScreenshots() ?? testResultScreenshots();
const VOLUME = `opsbar-e2e-emergency-${process.pid}`;

/** The engine's answer for a container: its state, or null once it is gone. */
async function containerState(id: string): Promise<string | null> {
  try {
    return (await testDocker().getContainer(id).inspect()).State.Status;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

describe('emergency disk plan end to end (opsbar serve + Chromium)', { timeout: 5 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  let page: Page;

  before(async () => {
    dashboard = await openServedDashboard({ name: 'emergency', config: ['gpu:', '  enabled: false'] });
    page = dashboard.page;
  });

  after(async () => {
    await dashboard?.stop();
    await removeTestStacks();
    await testDocker().getVolume(VOLUME).remove().catch(() => {});
  });

  it('plans, removes exactly the ticked stopped container, shows progress and the measured result', async (t) => {
    if (!(await requireDocker(t))) return;
    const docker = testDocker();
    await docker.createVolume({ Name: VOLUME, Labels: { 'opsbar.test': '1', 'opsbar.test.pid': String(process.pid) } });
    const stack = await createTestStack(`opsbar-e2e-emergency-${process.pid}`, [
      { name: 'gone', command: ['true'] },
      { name: 'stays', command: ['true'] },
      { name: 'running' },
    ]);
    const gone = stack.get('gone');
    const stays = stack.get('stays');
    const running = stack.get('running');
    await eventually('both one-shot containers to exit', async () => (await containerState(gone.id)) === 'exited' && (await containerState(stays.id)) === 'exited', { everyMs: 50 });

    // The tray's "Free disk space…" opens #/emergency/disk; here the page's own way there.
    await openNavPage(page, 'Emergency');
    await page.getByRole('button', { name: 'Free disk space…' }).click();
    assert.match(page.url(), /#\/emergency\/disk$/);
    const table = page.getByRole('table', { name: 'Plan items' });
    await table.waitFor();
    const goneBox = table.getByRole('checkbox', { name: `Remove container ${gone.name}`, exact: true });
    const staysBox = table.getByRole('checkbox', { name: `Remove container ${stays.name}`, exact: true });
    assert.equal(await goneBox.isChecked(), true, 'a stopped container is ticked by default');
    assert.equal(await staysBox.isChecked(), true);
    assert.equal(await table.getByRole('checkbox', { name: `Remove container ${running.name}`, exact: true }).count(), 0, 'a running container is never an item');
    // What it keeps, and why: the running container and the named volume.
    const kept = page.getByRole('region', { name: 'Kept' });
    const showAll = kept.getByRole('button', { name: /^Show all/ });
    if ((await showAll.count()) > 0) await showAll.click();
    await kept.getByText(running.name).first().waitFor();
    await kept.getByText(VOLUME).first().waitFor();

    // The engine is shared: untick everything, then tick this test's one container.
    await page.getByRole('button', { name: 'Untick all' }).click();
    await goneBox.check();
    assert.equal(await table.getByRole('checkbox', { checked: true }).count(), 1);
    await page.getByText(/^1 of \d+ items ticked · predicted to free /).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'emergency-plan.png'), fullPage: true });

    await page.getByRole('button', { name: /^Confirm: free disk space \(1 item\)$/ }).click();
    const progress = page.getByRole('region', { name: 'Progress' });
    await progress.waitFor();
    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor();
    const resultText = (await result.textContent()) ?? '';
    assert.match(resultText, /^Succeeded/, resultText);
    assert.match(resultText, /Freed/i, resultText);
    await progress.getByRole('listitem', { name: gone.name }).getByText('done', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'emergency-result.png'), fullPage: true });

    // Through the Docker API: exactly that container went; this test's other objects stay.
    assert.equal(await containerState(gone.id), null, 'the ticked container is gone');
    assert.equal(await containerState(stays.id), 'exited', 'the unticked stopped container stays');
    assert.equal(await containerState(running.id), 'running', 'the running container stays');
    await docker.getVolume(VOLUME).inspect();
    await docker.getImage(TEST_IMAGE).inspect();
    // The run executed exactly the confirmed item.
    const recent = await callApi(dashboard!.served, 'actions.recent', { limit: 5 });
    assert.equal(recent.ok, true, JSON.stringify(recent.error));
    const run = (recent.value as ActionRecord[]).find((r) => r.outcome !== null);
    assert.deepEqual(run?.outcome?.items.map((i) => [i.id, i.outcome]), [[`container:${gone.id}`, 'done']]);
    // The index lists the run with its measured outcome.
    await openNavPage(page, 'Emergency');
    await page.getByRole('region', { name: 'Recent actions' }).getByRole('listitem').filter({ hasText: /Succeeded — Freed/ }).first().waitFor();
    assert.deepEqual(dashboard!.dialogs, []);
    assert.deepEqual(dashboard!.pageErrors, []);
  });
});
