// End-to-end smoke test of the Electron shell with Playwright's `_electron`. It needs a real
// Electron binary (ELECTRON_PATH, or the one the electron package downloaded) and a build
// (`npm run build`); on Linux without a display run it under xvfb-run. Without a binary it
// says so loudly on stderr and skips. It waits for the page and its answers, never sleeps.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support/tempDir';

const root = join(__dirname, '..', '..');
const SKIP_LINE = 'SKIPPED: Electron smoke test — no Electron binary on this machine (set ELECTRON_PATH to run it)';

/**
 * The Electron executable, or null. Resolved like `require('electron')` does, but without
 * its side effect: requiring the package tries to download the binary when it is missing.
 */
function electronBinary(): string | null {
  if (process.env.ELECTRON_PATH) return process.env.ELECTRON_PATH;
  try {
    const packageDir = dirname(require.resolve('electron/package.json', { paths: [root] }));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const relative = readFileSync(pathFile, 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
    const binary = join(distDir, relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

type PageGlobals = {
  opsbar?: { call(method: string, payload: unknown): Promise<unknown>; subscribe(listener: (m: unknown) => void): () => void };
  require?: unknown;
  process?: unknown;
  location: { href: string };
};

test('Electron smoke: the dashboard opens with window.opsbar only, and a status call answers', { timeout: 120_000 }, async (t) => {
  const executablePath = electronBinary();
  if (!executablePath) {
    process.stderr.write(`\n${SKIP_LINE}\n\n`);
    t.skip('no Electron binary on this machine (set ELECTRON_PATH to run it)');
    return;
  }
  assert.ok(existsSync(executablePath), `ELECTRON_PATH=${executablePath} does not exist`);
  for (const built of ['dist/node/electron/main/main.js', 'dist/preload/preload.js', 'dist/renderer/index.html']) {
    assert.ok(existsSync(join(root, built)), `${built} is missing: run \`npm run build\` first`);
  }

  const { _electron } = await import('playwright-core');
  const dataDir = tempDir('opsbar-smoke-');
  // Chromium refuses to start as root with its OS sandbox (CI containers); the page is still
  // a sandboxed renderer as far as Electron's preload rules go.
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await _electron.launch({
    executablePath,
    args: ['.', '--dashboard', '--data-dir', dataDir, ...rootOnly],
    cwd: root,
    env: { ...process.env, OPSBAR_DATA_DIR: dataDir },
    timeout: 60_000,
  });
  t.after(() => app.close().catch(() => {}));

  const page = await app.firstWindow();
  await page.waitForFunction(() => typeof (globalThis as unknown as PageGlobals).opsbar === 'object');

  const shape = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { keys: Object.keys(g.opsbar ?? {}).sort(), require: typeof g.require, process: typeof g.process, url: g.location.href };
  });
  assert.deepEqual(shape.keys, ['call', 'subscribe']);
  assert.equal(shape.require, 'undefined', 'no require in the page');
  assert.equal(shape.process, 'undefined', 'no process in the page');
  assert.match(shape.url, /^opsbar:\/\/app\//);

  const answer = (await page.evaluate(() => (globalThis as unknown as PageGlobals).opsbar?.call('status.get', {}))) as {
    ok: boolean;
    value?: { overall: string; checks: unknown[] };
  };
  assert.equal(answer.ok, true, JSON.stringify(answer));
  assert.ok(['ok', 'unknown', 'warning', 'critical'].includes(answer.value?.overall ?? ''));
  assert.ok(Array.isArray(answer.value?.checks));

  const unknown = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).opsbar?.call('fs.readFile', {}).then(
      () => 'resolved',
      () => 'rejected',
    ),
  );
  assert.equal(unknown, 'rejected');
});
