// What both end-to-end tests need: Debian's Chromium (never a downloaded one), a page that
// records dialogs and page errors, the checks that the build is there, and a bounded server stop.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { OPSBAR_BIN, REPO_ROOT, type ServedOpsbar } from './opsbarProcess';

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
