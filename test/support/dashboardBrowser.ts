// What both end-to-end tests need: Debian's Chromium (never a downloaded one), a page that
// records dialogs and page errors, the checks that the build is there, and a bounded server stop.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { HANG_GUARD_MS } from './eventually';
import { OPSBAR_BIN, REPO_ROOT, serveOpsbar, type ServedOpsbar } from './opsbarProcess';
import { tempDir } from './tempDir';

export const CHROMIUM = process.env.OPSBAR_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** What must exist before an end-to-end test can mean anything; each with the command that fixes it. */
export function missingE2ePrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(OPSBAR_BIN)) missing.push(`bin/opsbar.js is missing (${OPSBAR_BIN})`);
  if (!existsSync(join(REPO_ROOT, 'dist', 'node', 'electron', 'core', 'cli', 'main.js'))) missing.push('the core is not built: run `npm run build:node`');
  if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) missing.push('the dashboard is not built: run `npm run build:renderer`');
  if (!existsSync(CHROMIUM)) missing.push(`no Chromium at ${CHROMIUM} (set OPSBAR_CHROMIUM)`);
  return missing;
}

export interface DashboardBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Messages of dialogs the page opened (each dismissed): any is a finding. */
  dialogs: string[];
  /** Uncaught errors and console errors (CSP violations and React errors surface here). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openDashboardBrowser(viewport: { width: number; height: number }): Promise<DashboardBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport, colorScheme: 'light' });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return {
    browser,
    context,
    page,
    dialogs,
    pageErrors,
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}

/** SIGTERM, as an operator's Ctrl-C would; a server that does not exit in time is a failure (and is killed). */
export async function stopWithin(served: ServedOpsbar, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const outcome = await Promise.race([served.stop().then(() => 'stopped' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    served.child.kill('SIGKILL');
    throw new Error(`opsbar serve did not exit within ${ms} ms of SIGTERM. stderr:\n${served.stderr().slice(-2000)}`);
  }
}

/** A fresh data dir `opsbar-e2e-<name>-` with `config` as its config.yaml (none when undefined: a first start). */
export function e2eDataDir(name: string, config?: string[]): string {
  const dataDir = tempDir(`opsbar-e2e-${name}-`);
  if (config) writeFileSync(join(dataDir, 'config.yaml'), [...config, ''].join('\n'));
  return dataDir;
}

/** A real `opsbar serve` on its own data dir with the built dashboard open in Chromium, live. */
export interface ServedDashboard extends DashboardBrowser {
  served: ServedOpsbar;
  dataDir: string;
  /** Closes the browser, then stops the server (SIGTERM, bounded). */
  stop(): Promise<void>;
}

/**
 * What every end-to-end test starts with: the prerequisites checked (a clear failure naming the
 * fix), a data dir with `config` as its config.yaml (omit for a first start with no file),
 * `opsbar serve`, Chromium at the dashboard, and the connection badge reading "live".
 */
export async function openServedDashboard(options: {
  /** Names the temp dir and the failure message: `opsbar-e2e-<name>-`. */
  name: string;
  /** config.yaml's lines; undefined: no config file (a first start). */
  config?: string[];
  viewport?: { width: number; height: number };
  env?: NodeJS.ProcessEnv;
  /** Wait for "live" (default true; a welcome view may come first). */
  waitForLive?: boolean;
}): Promise<ServedDashboard> {
  const missing = missingE2ePrerequisites();
  if (missing.length > 0) throw new Error(`Cannot run the ${options.name} end-to-end test:\n  - ${missing.join('\n  - ')}`);
  const dataDir = e2eDataDir(options.name, options.config);
  const served = await serveOpsbar(dataDir, [], options.env ?? {});
  let browser: DashboardBrowser;
  try {
    browser = await openDashboardBrowser(options.viewport ?? { width: 1280, height: 900 });
  } catch (error) {
    await stopWithin(served, 10_000).catch(() => {});
    throw error;
  }
  browser.page.setDefaultTimeout(HANG_GUARD_MS);
  await browser.page.goto(served.url);
  if (options.waitForLive !== false) await browser.page.getByText('live', { exact: true }).waitFor();
  return {
    ...browser,
    served,
    dataDir,
    async stop() {
      await browser.close();
      await stopWithin(served, 10_000).catch(() => {});
    },
  };
}
