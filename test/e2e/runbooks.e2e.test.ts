// End to end: a guided runbook run in Chromium against the real `opsbar serve` (built CLI, real
// runner, real shell steps), driven as an operator would: library → start → run each step →
// a failed verification stops the run → reload → retry → success. Waits on what the page shows,
// never on sleeps. OPSBAR_SCREENSHOTS=1 also rewrites docs/screenshots/runbooks.png and
// docs/screenshots/runbook-run.png (1280×800).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openServedDashboard, type ServedDashboard } from '../support/dashboardBrowser';
import { docsScreenshots, openNavPage } from '../support/e2ePages';
import { HANG_GUARD_MS } from '../support/eventually';
import { tempDir } from '../support/tempDir';

const SCREENSHOTS = docsScreenshots();
const RUNBOOK_ID = 'e2e-flaky-check';
const RUNBOOK_TITLE = 'E2E: check that recovers on retry';
const GO_FILE = 'e2e-go';
const ATTEMPTS_FILE = 'e2e-attempts';
/** A built-in runbook with params, for the library screenshot. */
const SHOWCASE_RUNBOOK = 'Disk space emergency';

const HOSTILE_PROSE = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">', '[click](javascript:window.__pwned=1)'];
const HOSTILE_OUTPUT = '<img src=x onerror=window.__pwned=1>';

/**
 * Step 1 prints, then waits for the test to say "go" (so its output is seen while it runs; its
 * timeout is long, so a slow browser never runs into it);
 * step 2 counts its attempts in the data dir and wants "attempt 2" (fails once, passes on retry).
 */
const RUNBOOK = `---
id: ${RUNBOOK_ID}
title: "${RUNBOOK_TITLE}"
category: daily
severity: info
estimatedMinutes: 1
description: Three shell steps; the second fails its first verification and passes on retry.
---

Checks the guided run end to end. Hostile prose must stay text:

${HOSTILE_PROSE[0]}

${HOSTILE_PROSE[1]}

${HOSTILE_PROSE[2]}

## Say hello

Prints a greeting, then waits for the test's signal.

\`\`\`run shell timeout=10m expect-output="hello from opsbar"
echo "hello from opsbar"
echo '${HOSTILE_OUTPUT}'
while [ ! -f "$OPSBAR_DATA_DIR/${GO_FILE}" ]; do sleep 0.05; done
echo "signal received"
\`\`\`

\`\`\`expected
hello from opsbar
\`\`\`

## Count attempts

Passes on the second try only.

\`\`\`run shell timeout=10s expect-output="attempt 2"
n=$(cat "$OPSBAR_DATA_DIR/${ATTEMPTS_FILE}" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$OPSBAR_DATA_DIR/${ATTEMPTS_FILE}"
echo "attempt $n"
\`\`\`

\`\`\`expected
attempt 2
\`\`\`

## Finish

Says it is done. ${HOSTILE_PROSE[1]} ${HOSTILE_PROSE[2]}

\`\`\`run shell timeout=10s
echo "all done"
\`\`\`
`;


/** Nothing hostile became an element or ran: no <img>, no script or handler from the runbook, no javascript: link. */
async function assertInert(page: Page): Promise<void> {
  const found = {
    // A string, so that this Node-side file needs no DOM types.
    pwned: await page.evaluate('typeof window.__pwned'),
    images: await page.locator('img').count(),
    scripts: await page.evaluate("Array.from(document.scripts).filter((s) => (s.textContent || '').includes('__pwned')).length"),
    handlers: await page.locator('[onerror], [onclick], [onload]').count(),
    jsLinks: await page.locator('a[href^="javascript:" i]').count(),
  };
  assert.deepEqual(found, { pwned: 'undefined', images: 0, scripts: 0, handlers: 0, jsLinks: 0 });
}


describe('runbooks end to end (opsbar serve + Chromium)', { timeout: 5 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  let page: Page;
  let runUrl = '';

  const stepItem = (n: number, title: string): Locator => page.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: `Step ${n}: ${title}`, exact: true });
  const stepState = (item: Locator, state: string): Locator => item.locator('.run-step-head').getByRole('img', { name: state, exact: true });
  const runState = (): Locator => page.getByRole('status', { name: 'Run state' });

  before(async () => {
    // The user runbooks live in a folder of their own; the steps count and wait in the data dir.
    const userRunbooks = tempDir('opsbar-e2e-runbooks-library-');
    writeFileSync(join(userRunbooks, `${RUNBOOK_ID}.md`), RUNBOOK);
    dashboard = await openServedDashboard({
      name: 'runbooks',
      config: ['runbooks:', `  directory: ${JSON.stringify(userRunbooks)}`, '  scheduling: false'],
      viewport: { width: 1280, height: 800 },
    });
    page = dashboard.page;
  });

  // Runs whether the tests passed or not: nothing is left behind (the data dirs go when the file ends).
  after(async () => {
    await dashboard?.stop();
  });

  it('lists the built-in runbooks and the user runbook; the prose is inert text', async () => {
    await openNavPage(page, 'Runbooks');
    const library = page.locator('.runbook-library');
    // The built-in library is loaded too.
    await library.getByRole('button', { name: new RegExp(SHOWCASE_RUNBOOK) }).waitFor();
    assert.ok((await library.getByRole('listitem').count()) >= 5, 'the built-in runbooks are not listed');
    assert.equal(await page.getByRole('region', { name: 'Invalid runbooks' }).count(), 0, 'a runbook file is invalid');

    if (SCREENSHOTS) {
      await library.getByRole('button', { name: new RegExp(SHOWCASE_RUNBOOK) }).click();
      const detail = page.getByRole('article', { name: `Runbook ${SHOWCASE_RUNBOOK}` });
      await detail.getByRole('group', { name: 'Parameters' }).waitFor();
      await detail.getByRole('heading', { name: 'Steps', exact: true }).waitFor();
      // The selected entry in the middle of the library, the detail from its top.
      await library.locator('.runbook-item.selected').evaluate((item) => item.scrollIntoView({ block: 'center' }));
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(SCREENSHOTS, 'runbooks.png') });
    }

    await page.getByRole('searchbox', { name: 'Search runbooks' }).fill('recovers on retry');
    await library.getByRole('button', { name: new RegExp(RUNBOOK_TITLE) }).click();
    const detail = page.getByRole('article', { name: `Runbook ${RUNBOOK_TITLE}` });
    await detail.getByRole('listitem', { name: 'Step 3: Finish' }).waitFor();
    // The hostile prose reads literally.
    const intro = detail.locator('.runbook-intro');
    for (const text of HOSTILE_PROSE) await intro.getByText(text, { exact: false }).first().waitFor();
    await assertInert(page);
  });

  it('runs step 1 with its output live, then shows the passed verification', async () => {
    await page.getByRole('button', { name: 'Start guided run' }).click();
    await page.waitForURL(/#\/runbooks\/run\/\d+$/);
    runUrl = page.url();
    await page.getByRole('heading', { name: new RegExp(`Run #\\d+: ${RUNBOOK_TITLE}`) }).waitFor();
    await runState().getByText('waiting', { exact: true }).waitFor();

    const step1 = stepItem(1, 'Say hello');
    await step1.getByRole('button', { name: 'Run', exact: true }).click();
    // The step is still running (it waits for the go file): this output came live.
    const output = step1.getByLabel('Output of Say hello');
    await output.getByText('hello from opsbar').waitFor();
    await stepState(step1, 'running').waitFor();
    await runState().getByText('running', { exact: true }).waitFor();
    // The hostile output is text in the <pre>, not an element.
    assert.match((await output.textContent()) ?? '', new RegExp(HOSTILE_OUTPUT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await assertInert(page);

    writeFileSync(join(dashboard!.dataDir, GO_FILE), 'go');
    await stepState(step1, 'passed').waitFor();
    // Guided: the run waits before step 2. Step 1's record is one click away.
    await runState().getByText('waiting', { exact: true }).waitFor();
    await step1.getByText('Output and checks').click();
    await step1.getByLabel('Output of Say hello').getByText('signal received').waitFor();
    const check = step1.getByRole('table').getByRole('row', { name: /hello from opsbar/ });
    await check.getByText('✓ pass').waitFor();
    await assertInert(page);
  });

  it('stops at step 2 when its verification fails, and shows expected vs actual; a reload shows the same', async () => {
    const step2 = stepItem(2, 'Count attempts');
    const step3 = stepItem(3, 'Finish');
    await step2.getByRole('button', { name: 'Run', exact: true }).click();
    await stepState(step2, 'failed').waitFor();

    const assertStoppedAtFailure = async () => {
      await runState().getByText('waiting', { exact: true }).waitFor();
      await step2.getByText(/This step failed/).waitFor();
      await step2.getByLabel('Output of Count attempts').getByText('attempt 1').waitFor();
      const failedCheck = step2.getByRole('table').getByRole('row').filter({ hasText: '✗ fail' });
      await failedCheck.waitFor();
      const cells = await failedCheck.getByRole('cell').allTextContents();
      assert.match(cells[1] ?? '', /attempt 2/, `expected column: ${cells.join(' | ')}`);
      // The core reports what it found of the pattern: here, nothing.
      assert.match(cells[2] ?? '', /not found; last line: attempt 1/, `actual column: ${cells.join(' | ')}`);
      await step2.getByRole('button', { name: 'Retry', exact: true }).waitFor();
      // Step 3 has not run.
      await stepState(step3, 'pending').waitFor();
      assert.equal(await step3.getByLabel('Output of Finish').count(), 0);
      await assertInert(page);
    };
    await assertStoppedAtFailure();

    await page.reload();
    assert.equal(page.url(), runUrl);
    await stepState(step2, 'failed').waitFor();
    await assertStoppedAtFailure();
    await stepState(stepItem(1, 'Say hello'), 'passed').waitFor();

    if (SCREENSHOTS) {
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(SCREENSHOTS, 'runbook-run.png') });
    }
  });

  it('passes step 2 on retry, then runs step 3 and ends succeeded', async () => {
    const step2 = stepItem(2, 'Count attempts');
    const step3 = stepItem(3, 'Finish');
    await step2.getByRole('button', { name: 'Retry', exact: true }).click();
    await stepState(step2, 'passed').waitFor();
    await step2.getByText('Output and checks').click();
    await step2.getByLabel('Output of Count attempts').getByText('attempt 2').waitFor();
    await step2.getByText('try 2', { exact: true }).waitFor();
    await step2.getByText('Earlier tries (1)').waitFor();
    // Step 3 is current: its prose (hostile too) is shown, as text.
    await step3.getByText(HOSTILE_PROSE[2]).waitFor();
    await assertInert(page);

    await step3.getByRole('button', { name: 'Run', exact: true }).click();
    await runState().getByText('succeeded', { exact: true }).waitFor();
    await stepState(step3, 'passed').waitFor();
    for (const [n, title] of [
      [1, 'Say hello'],
      [2, 'Count attempts'],
    ] as const)
      await stepState(stepItem(n, title), 'passed').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).count(), 0);

    // The history lists it as succeeded.
    await page.getByRole('navigation', { name: 'Runbooks' }).getByRole('link', { name: 'Runs & schedules' }).click();
    const row = page.locator('.runs-table tr', { hasText: RUNBOOK_TITLE });
    await row.getByText('succeeded', { exact: true }).waitFor();

    assert.deepEqual(dashboard!.dialogs, [], 'a dialog opened: untrusted text was executed');
    assert.deepEqual(dashboard!.pageErrors, []);
    await assertInert(page);
  });
});
