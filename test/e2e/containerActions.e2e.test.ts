// End to end: the real `opsbar serve` and the built dashboard in Chromium — a container's Restart
// button on the Stacks page, its plan, Confirm, and the verified result; then the Docker API shows
// the container restarted (a new StartedAt) and healthy. Only this test's own container is touched.
// OPSBAR_SCREENSHOTS=1 writes docs/screenshots/container-restart.png (else test-results/screenshots/).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openServedDashboard, type ServedDashboard } from '../support/dashboardBrowser';
import { createTestStack, removeTestStacks, requireDocker, testDocker } from '../support/dockerEngine';
import { containerActionRoute } from '../../shared/actions/containerRoutes';
import { containerMenu } from '../../electron/main/trayContainerItems';
import { docsScreenshots, gotoRoute, openNavPage, testResultScreenshots } from '../support/e2ePages';
import { callApi } from '../support/opsbarProcess';
import type { StatusSnapshot } from '../../shared/types/status';
import { eventually, HANG_GUARD_MS } from '../support/eventually';

const SCREENSHOTS = docsScreenshots() ?? testResultScreenshots();

describe('container restart end to end (opsbar serve + Chromium)', { timeout: 5 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  let page: Page;

  before(async () => {
    dashboard = await openServedDashboard({ name: 'container', config: ['gpu:', '  enabled: false'] });
    page = dashboard.page;
  });

  after(async () => {
    await dashboard?.stop();
    await removeTestStacks();
  });

  it('Stacks page → Restart… → the plan → Confirm → verified, and the engine shows it restarted and healthy', async (t) => {
    if (!(await requireDocker(t))) return;
    const project = `opsbar-e2e-ctr-${process.pid}`;
    const stack = await createTestStack(project, [
      { name: 'db', healthcheck: { test: ['CMD', 'true'], intervalMs: 500 } },
      { name: 'web', healthcheck: { test: ['CMD', 'true'], intervalMs: 500 }, labels: { 'com.docker.compose.depends_on': 'db:service_healthy:false' } },
    ]);
    const web = stack.get('web');
    const inspect = () => testDocker().getContainer(web.id).inspect();
    await eventually('web healthy', async () => (await inspect()).State.Health?.Status === 'healthy');
    const before = (await inspect()).State.StartedAt;
    const dbStartedAt = async () => (await testDocker().getContainer(stack.get('db').id).inspect()).State.StartedAt;
    const dbBefore = await dbStartedAt();

    await openNavPage(page, 'Stacks');
    const section = page.getByRole('region', { name: `Stack ${project}` });
    await section.waitFor();
    await section.getByRole('link', { name: `Restart stack ${project}…` }).waitFor();
    const row = section.locator(`tr[data-container="${web.name}"]`);
    await row.getByRole('link', { name: `Stop ${web.name}…` }).waitFor();
    await section.screenshot({ path: join(testResultScreenshots(), 'container-stack-buttons.png') });
    await row.getByRole('link', { name: `Restart ${web.name}…` }).click();
    await page.waitForURL(/#\/emergency\/container\?verb=restart&container=/);

    const plan = page.getByRole('region', { name: 'Plan' }).first();
    await plan.getByRole('heading', { name: `Restart container ${web.name}` }).waitFor();
    const table = page.getByRole('table', { name: 'Plan items' });
    await table.getByText(web.name, { exact: true }).waitFor();
    await page.getByText(/verified when it runs again with a new start time and healthy/).waitFor();
    await page.getByText(/^1 of 1 items ticked$/).waitFor();
    assert.equal((await inspect()).State.StartedAt, before, 'the plan touched nothing');
    await page.screenshot({ path: join(testResultScreenshots(), 'container-plan.png'), fullPage: true });

    await page.getByRole('button', { name: `Confirm: restart container ${web.name} (1 item)` }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    assert.match(text, /^Succeeded/, text);
    assert.match(text, new RegExp(`${web.name} running and healthy \\(restarted \\d\\d:\\d\\d:\\d\\d\\)`), text);
    await page.getByRole('region', { name: 'Progress' }).getByRole('listitem', { name: web.name }).getByText('done', { exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'container-restart.png'), fullPage: true });

    const now = await inspect();
    assert.notEqual(now.State.StartedAt, before, 'restarted: a new StartedAt');
    assert.equal(now.State.Health?.Status, 'healthy');
    assert.equal(await dbStartedAt(), dbBefore, 'the other container of the stack was not touched');
    assert.deepEqual(dashboard?.pageErrors, []);
    assert.deepEqual(dashboard?.dialogs, []);
  });

  it("the tray's Restart item, from the served status, opens the plan; confirmed there, the restart is verified", async (t) => {
    if (!(await requireDocker(t))) return;
    const project = `opsbar-e2e-tray-${process.pid}`;
    const stack = await createTestStack(project, [{ name: 'api', healthcheck: { test: ['CMD', 'true'], intervalMs: 500 } }]);
    const api = stack.get('api');
    const inspect = () => testDocker().getContainer(api.id).inspect();
    await eventually('api healthy', async () => (await inspect()).State.Health?.Status === 'healthy');
    const before = (await inspect()).State.StartedAt;
    // The tray builds its menu from the same status the server serves; its item opens a dashboard route.
    const opened: string[] = [];
    await eventually('the tray to offer the container', async () => {
      const reply = await callApi(dashboard!.served, 'status.get');
      const status = reply.value as StatusSnapshot | undefined;
      const stackMenu = containerMenu(status, (route) => opened.push(route))?.submenu?.find((i) => i.label === project);
      const item = stackMenu?.submenu?.find((i) => i.label === `Restart ${api.name}…`);
      item?.click?.();
      return opened.length > 0;
    });
    assert.deepEqual(opened, [containerActionRoute('restart', api.name)]);
    await gotoRoute(page, dashboard!.served, opened[0].slice(2));
    await page.getByRole('heading', { name: `Restart container ${api.name}` }).waitFor();
    await page.getByRole('button', { name: `Confirm: restart container ${api.name} (1 item)` }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', new RegExp(`^Succeeded.*${api.name} running and healthy \\(restarted`));
    assert.notEqual((await inspect()).State.StartedAt, before);
  });
});
