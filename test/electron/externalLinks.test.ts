import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openExternalSafely, refusalReason } from '../../electron/main/externalLinks';
import { quietLog } from './fakes';

function fakeShell(fail = false) {
  const opened: string[] = [];
  return {
    opened,
    openExternal: async (url: string) => {
      if (fail) throw new Error('no browser');
      opened.push(url);
    },
  };
}

describe('openExternalSafely', () => {
  test('opens https links', async () => {
    const shell = fakeShell();
    assert.equal(await openExternalSafely('https://docs.docker.com/engine/', shell), true);
    assert.deepEqual(shell.opened, ['https://docs.docker.com/engine/']);
  });

  test('refuses every other scheme, and logs it', async () => {
    const shell = fakeShell();
    const log = quietLog();
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'opsbar://app/index.html', 'ms-settings:', 'data:text/html,hi', 'vbscript:x']) {
      assert.equal(await openExternalSafely(url, shell, { log }), false, url);
    }
    assert.deepEqual(shell.opened, []);
    assert.ok(log.lines.some((l) => l.includes('"file:///etc/passwd"') && l.includes('https only')));
  });

  test('refuses non-strings, junk, credentials and very long URLs', async () => {
    const shell = fakeShell();
    for (const url of [undefined, null, 42, {}, '', 'not a url', 'https://user:pw@example.com/', `https://example.com/${'a'.repeat(3000)}`]) {
      assert.equal(await openExternalSafely(url, shell), false, String(url));
    }
    assert.deepEqual(shell.opened, []);
  });

  test('with an allow-list, only those hosts open', async () => {
    const shell = fakeShell();
    const allowedHosts = ['github.com', 'docs.docker.com'];
    assert.equal(await openExternalSafely('https://github.com/x', shell, { allowedHosts }), true);
    assert.equal(await openExternalSafely('https://GITHUB.com/y', shell, { allowedHosts }), true);
    assert.equal(await openExternalSafely('https://github.com.evil.io/', shell, { allowedHosts }), false);
    assert.match(refusalReason('https://evil.io/', allowedHosts) ?? '', /not on the allow-list/);
  });

  test('a failing shell is logged, not thrown', async () => {
    const log = quietLog();
    assert.equal(await openExternalSafely('https://example.com/', fakeShell(true), { log }), false);
    assert.ok(log.lines.some((l) => l.includes('no browser')));
  });
});
