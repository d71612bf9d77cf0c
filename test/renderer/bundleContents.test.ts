// The built dashboard (dist/renderer, made by `npm run build` before the tests) must not carry the
// schema library: zod compiles validators with `new Function`, which the strict CSP (script-src
// 'self', no 'unsafe-eval') refuses, and it would weigh ~100 KB on every page load. Payloads are
// validated in the core; the dashboard only checks the mistakes worth saying before a call.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/opsbarProcess';

test('the built dashboard bundles no zod', () => {
  const assets = join(REPO_ROOT, 'dist', 'renderer', 'assets');
  assert.ok(existsSync(assets), `${assets} is missing: run \`npm run build:renderer\` first`);
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length > 0, 'no scripts in the built dashboard');
  for (const file of scripts) {
    const text = readFileSync(join(assets, file), 'utf8');
    assert.ok(!text.includes('$ZodType'), `${file} carries zod: a renderer file imports a schema (import only types from shared/config, or a zod-free helper)`);
  }
});
