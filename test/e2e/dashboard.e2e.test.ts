// End to end: the real `opsbar serve` (built CLI, real collectors, real Docker) and the built
// dashboard in Chromium, driven as an operator would. Waits on what the page shows, never on sleeps.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestStack, removeTestStacks, requireDocker, testDocker, type TestStack } from '../support/dockerEngine';
import { OPSBAR_BIN, REPO_ROOT, serveOpsbar, type ServedOpsbar } from '../support/opsbarProcess';

const CHROMIUM = process.env.OPSBAR_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');
const HOSTILE_PROJECT = '<img src=x onerror=alert(1)>';
const HEALTH_CHANGE_BUDGET_MS = 2_000;

/** What must exist before this test can mean anything; each with the command that fixes it. */
function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(OPSBAR_BIN)) missing.push(`bin/opsbar.js is missing: the headless server/CLI has not landed yet (${OPSBAR_BIN})`);
  if (!existsSync(join(REPO_ROOT, 'dist', 'node', 'electron', 'core', 'cli', 'main.js'))) missing.push('the core is not built: run `npm run build:node`');
  if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) missing.push('the dashboard is not built: run `npm run build:renderer`');
  if (!existsSync(CHROMIUM)) missing.push(`no Chromium at ${CHROMIUM} (set OPSBAR_CHROMIUM)`);
  return missing;
}

/** Polls Docker until the container's health check reports `status`; returns when it did. */
async function dockerHealthBecomes(id: string, status: string, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = await testDocker().getContainer(id).inspect();
    if (info.State.Health?.Status === status) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Docker never reported ${id.slice(0, 12)} as ${status} within ${timeoutMs} ms`);
}

async function execIn(id: string, cmd: string[]): Promise<void> {
  const exec = await testDocker().getContainer(id).exec({ Cmd: cmd, AttachStdout: false, AttachStderr: false });
  // dockerode keeps the detached exec's connection open: close it, or this test process never exits.
  const stream = (await exec.start({ Detach: true })) as unknown as { destroy?: () => void } | undefined;
  stream?.destroy?.();
}

/** SIGTERM, as an operator's Ctrl-C would; a server that does not exit in time is a failure (and is killed). */
async function stopWithin(served: ServedOpsbar, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const outcome = await Promise.race([served.stop().then(() => 'stopped' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    served.child.kill('SIGKILL');
    throw new Error(`opsbar serve did not exit within ${ms} ms of SIGTERM. stderr:\n${served.stderr().slice(-2000)}`);
  }
}

describe('dashboard end to end (opsbar serve + Chromium)', { timeout: 180_000 }, () => {
  let served: ServedOpsbar | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let dataDir: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    const missing = missingPrerequisites();
    if (missing.length > 0) throw new Error(`Cannot run the dashboard end-to-end test:\n  - ${missing.join('\n  - ')}`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'opsbar-e2e-'));
    served = await serveOpsbar(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // CSP violations and React errors surface here.
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    if (served) await stopWithin(served, 10_000).catch(() => {});
    await removeTestStacks();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the printed link and shows real system figures on the Overview', async () => {
    await page.goto(served!.url);
    // The token is traded for a cookie and dropped from the address bar.
    assert.equal(new URL(page.url()).search, '');
    const cpu = page.getByRole('region', { name: 'CPU', exact: true });
    await cpu.getByText(/^\d+(\.\d+)?%$/).waitFor({ timeout: 20_000 });
    await page.getByRole('banner').getByText(hostname(), { exact: true }).waitFor();
    const overall = await page.getByLabel('Overall status').textContent();
    assert.match(overall ?? '', /^(OK|Warning|Critical|Unknown)$/);

    const disk = page.getByRole('region', { name: /^Disk / }).first();
    await disk.waitFor();
    assert.match((await disk.textContent()) ?? '', /\d+(\.\d+)? (B|kB|MB|GB|TB) free.*% free of/);
    assert.ok((await page.getByRole('region', { name: 'Checks' }).getByRole('listitem').count()) > 0, 'no status checks shown');
    await page.getByText('live', { exact: true }).waitFor();

    await page.screenshot({ path: join(SCREENSHOTS, 'overview.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(pageErrors, []);
  });

  it('shows real stacks on the Stacks page, a hostile name literally, and a health change within 2 s', async (t) => {
    if (!(await requireDocker(t))) return;
    const project = `opsbar-e2e-${process.pid}`;
    const app: TestStack = await createTestStack(project, [
      {
        name: 'model-server',
        command: ['sh', '-c', 'touch /tmp/ok && exec sleep 3600'],
        healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 500, retries: 1 },
      },
      { name: 'vector-db' },
    ]);
    const hostile = await createTestStack(HOSTILE_PROJECT, [{ name: HOSTILE_PROJECT }]);
    const modelServer = app.get('model-server');
    await dockerHealthBecomes(modelServer.id, 'healthy');

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Stacks' }).click();
    const stackSection = page.getByRole('region', { name: `Stack ${project}` });
    const row = stackSection.locator('tr', { has: page.getByText(modelServer.name, { exact: true }) });
    await row.getByText('healthy', { exact: true }).waitFor({ timeout: 20_000 });
    await stackSection.getByText(app.get('vector-db').name, { exact: true }).waitFor();

    // The hostile project is text: its heading reads literally, no element was made of it, nothing ran.
    const hostileHeading = page.getByRole('heading', { level: 2, name: HOSTILE_PROJECT, exact: true });
    await hostileHeading.waitFor({ timeout: 20_000 });
    assert.equal(await hostileHeading.textContent(), HOSTILE_PROJECT);
    await page.getByText(hostile.get(HOSTILE_PROJECT).name, { exact: true }).waitFor();
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(dialogs, [], 'a dialog opened: untrusted text was executed');

    // Flip the health check; the page must follow within the budget of Docker reporting it.
    await execIn(modelServer.id, ['rm', '-f', '/tmp/ok']);
    const reportedAt = await dockerHealthBecomes(modelServer.id, 'unhealthy');
    await row.getByText('unhealthy', { exact: true }).waitFor({ timeout: 10_000 });
    const lag = Date.now() - reportedAt;
    t.diagnostic(`health change shown ${lag} ms after Docker reported it`);
    assert.ok(lag <= HEALTH_CHANGE_BUDGET_MS, `the health change showed ${lag} ms after Docker reported it (budget ${HEALTH_CHANGE_BUDGET_MS} ms)`);

    // Open the container: its own events and history.
    await row.getByRole('button', { expanded: false }).click();
    await page.getByText('Recent events', { exact: true }).last().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'stacks.png'), fullPage: true });

    await page.getByRole('searchbox').fill('vector-db');
    await page.getByRole('heading', { level: 2, name: project, exact: true }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 2 }).count(), 1);
    assert.equal(await page.getByText(modelServer.name, { exact: true }).count(), 0);
    await page.getByRole('searchbox').fill('');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SCREENSHOTS, 'stacks-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    // Back on the Overview (fresh history queries, a few samples in by now): the stacks and their events.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Overview' }).click();
    const summary = page.getByRole('region', { name: 'Stacks' });
    await summary.getByRole('button', { name: HOSTILE_PROJECT, exact: true }).waitFor();
    await summary.getByText(/\d+ of \d+ stacks healthy/).waitFor();
    await page.getByRole('region', { name: 'Recent events' }).getByText(modelServer.name, { exact: true }).first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-with-stacks.png'), fullPage: true });
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  });

  it('says it is reconnecting when the server goes away', async () => {
    // A crash rather than a clean stop: the page must notice either way, and a kill cannot hang.
    const exited = new Promise((resolve) => served!.child.once('exit', resolve));
    served!.child.kill('SIGKILL');
    await exited;
    await page.getByText(/Disconnected from Opsbar — reconnecting…/).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'disconnected.png') });
  });
});
