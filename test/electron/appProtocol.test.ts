import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, createAppProtocolHandler, isAppUrl, resolveAppAsset } from '../../electron/main/appProtocol';
import { tempDir } from '../support/tempDir';

const dir = tempDir('opsbar-renderer-');
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Opsbar</title>');
writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(dir, 'assets', 'secret.key'), 'nope');
const sibling = `${dir}-sibling.html`;
writeFileSync(sibling, 'outside');
after(() => rmSync(sibling, { force: true }));

const handler = createAppProtocolHandler(dir);
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app URLs', () => {
  test('only the opsbar://app origin is the app', () => {
    assert.equal(isAppUrl(APP_ENTRY_URL), true);
    assert.equal(isAppUrl('opsbar://app/index.html#/docker'), true);
    for (const url of ['opsbar://other/index.html', 'opsbar://app.evil/', 'opsbar://u:p@app/', 'file:///index.html', 'https://app/', 'not a url', '', null, undefined]) {
      assert.equal(isAppUrl(url), false, String(url));
    }
  });

  test('assets resolve inside the renderer folder only', () => {
    assert.equal(resolveAppAsset(dir, 'opsbar://app/'), join(dir, 'index.html'));
    assert.equal(resolveAppAsset(dir, 'opsbar://app/assets/index-abc.js?v=1'), join(dir, 'assets', 'index-abc.js'));
    for (const url of ['opsbar://app/../../etc/passwd', 'opsbar://app/%2e%2e/%2e%2e/etc/passwd', 'opsbar://app/..%2f..%2fetc/passwd', 'opsbar://app/a%00b', 'opsbar://app/%E0%A4%A', 'https://app/index.html']) {
      const resolved = resolveAppAsset(dir, url);
      assert.ok(resolved === null || resolved.startsWith(`${dir}/`), `${url} → ${resolved}`);
    }
    assert.equal(resolveAppAsset(dir, 'opsbar://app/..%2f..%2fetc/passwd'), null);
  });
});

describe('app protocol handler', () => {
  test('serves index.html with the CSP header and a strict content type', async () => {
    const response = await get(APP_ENTRY_URL);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await response.text(), /<title>Opsbar/);
  });

  test('serves module scripts as JavaScript', async () => {
    const response = await get('opsbar://app/assets/index-abc.js');
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
  });

  test('the header policy is the one in renderer/index.html\'s meta tag', () => {
    const html = readFileSync(join(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    // frame-ancestors is ignored in a <meta> policy, so the page leaves it out; the header carries it.
    const headerWithoutFrameAncestors = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    assert.equal(meta, headerWithoutFrameAncestors);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      assert.ok(CONTENT_SECURITY_POLICY.includes(directive), directive);
    }
  });

  test('refuses traversal, unknown types, missing files and writes', async () => {
    assert.equal((await get(`opsbar://app/..%2f${dir.split('/').pop()}-sibling.html`)).status, 403);
    assert.equal((await get('opsbar://app/%2e%2e/%2e%2e/x.html')).status, 404, 'dot segments are resolved by the URL parser, inside the folder');
    assert.equal((await get('opsbar://app/assets/secret.key')).status, 404);
    assert.equal((await get('opsbar://app/missing.js')).status, 404);
    assert.equal((await get(APP_ENTRY_URL, 'POST')).status, 405);
    assert.equal((await get('opsbar://elsewhere/index.html')).status, 403);
  });
});
