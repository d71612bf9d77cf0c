// What the end-to-end tests do again and again once a dashboard is open (openServedDashboard):
// follow the Pages navigation, go straight to a route, switch the page to another server, start
// such a second server, and say where screenshots go.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, serveOpsbar, type ServedOpsbar } from './opsbarProcess';
import { e2eDataDir } from './dashboardBrowser';

/** Clicks `label` in the dashboard's Pages navigation, as an operator would. */
export async function openNavPage(page: Page, label: string | RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: label }).click();
}

/** Goes straight to a route of the open dashboard (`gpu` → `#/gpu`), as the tray's links do. */
export async function gotoRoute(page: Page, served: ServedOpsbar, route: string): Promise<void> {
  await page.goto(`${served.origin}/#/${route}`);
}

/** Opens `served`'s printed link (its token traded for a cookie) and waits until the page reads "live". */
export async function openLiveDashboard(page: Page, served: ServedOpsbar): Promise<void> {
  await page.goto(served.url);
  await page.getByText('live', { exact: true }).waitFor();
}

/**
 * A second `opsbar serve` beside a test's main one (whose browser it shares): its own data dir,
 * `opsbar-e2e-<name>-`, with `config` as its config.yaml. The caller stops it (stopWithin).
 */
export async function serveWithConfig(name: string, config: string[]): Promise<ServedOpsbar> {
  return serveOpsbar(e2eDataDir(name, config));
}

/** test-results/screenshots (made if missing): what a run leaves to look at. */
export function testResultScreenshots(): string {
  const dir = join(REPO_ROOT, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** docs/screenshots when OPSBAR_SCREENSHOTS=1 (a run that rewrites the README's pictures), else null. */
export function docsScreenshots(): string | null {
  if (process.env.OPSBAR_SCREENSHOTS !== '1') return null;
  const dir = join(REPO_ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
