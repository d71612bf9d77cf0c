import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runOpsbar, serveOpsbar, type ServedOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

const QUIET_CONFIG = 'docker:\n  enabled: false\ngpu:\n  enabled: false\nmodels:\n  enabled: false\n';

function dataDir(): string {
  const dir = tempDir('opsbar-token-');
  writeFileSync(join(dir, 'config.yaml'), QUIET_CONFIG);
  return dir;
}

const running: ServedOpsbar[] = [];
after(() => Promise.all(running.map((s) => s.stop())));

async function serve(dir: string, args: string[] = []): Promise<ServedOpsbar> {
  const served = await serveOpsbar(dir, args);
  running.push(served);
  return served;
}

function scrape(served: Pick<ServedOpsbar, 'origin'>, token?: string): Promise<Response> {
  return fetch(`${served.origin}/metrics`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

describe('opsbar serve --token-file', () => {
  test('a missing file is created 0600 with a new token; the next start reads the same token', async () => {
    const dir = dataDir();
    const file = join(tempDir('opsbar-tokenfile-'), 'scrape.token');
    const first = await serve(dir, ['--token-file', file]);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const written = readFileSync(file, 'utf8').trim();
    assert.equal(first.token, written, 'the printed link carries the file\'s token');
    assert.ok(written.length >= 32);
    assert.doesNotMatch(first.stderr(), new RegExp(written), 'the token is never logged');
    await first.stop();

    const second = await serve(dir, ['--token-file', file]);
    assert.equal(second.token, written, 'a restart keeps the token');
    const metrics = await scrape(second, written);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /^opsbar_up 1$/m);
    assert.equal((await scrape(second)).status, 401);
  });

  test('a token written by the operator is trimmed and used', async () => {
    const file = join(tempDir('opsbar-tokenfile-'), 'scrape.token');
    const token = 'a1b2c3d4'.repeat(8);
    writeFileSync(file, `  ${token}\n\n`, { mode: 0o600 });
    const served = await serve(dataDir(), ['--token-file', file]);
    assert.equal(served.token, token);
    assert.equal((await scrape(served, token)).status, 200);
  });

  test('without the flag the token is random per start', async () => {
    const dir = dataDir();
    const a = await serve(dir);
    await a.stop();
    const b = await serve(dir);
    assert.notEqual(a.token, b.token);
  });

  test('a file others can read is refused, with what to do', async () => {
    const file = join(tempDir('opsbar-tokenfile-'), 'scrape.token');
    writeFileSync(file, `${'x'.repeat(40)}\n`);
    chmodSync(file, 0o644);
    const { code, stderr } = await runOpsbar(['serve', '--port', '0', '--data-dir', dataDir(), '--token-file', file]);
    assert.equal(code, 64);
    assert.match(stderr, /open to group or others \(mode 0644\)/);
    assert.match(stderr, new RegExp(`chmod 600 ${file}`));
  });

  test('a short token, or one with characters a link cannot carry, is refused', async () => {
    const dir = dataDir();
    const short = join(tempDir('opsbar-tokenfile-'), 'short.token');
    writeFileSync(short, 'tooshort\n', { mode: 0o600 });
    const shortRun = await runOpsbar(['serve', '--port', '0', '--data-dir', dir, '--token-file', short]);
    assert.equal(shortRun.code, 64);
    assert.match(shortRun.stderr, /is 8 characters; use at least 32/);
    const odd = join(tempDir('opsbar-tokenfile-'), 'odd.token');
    writeFileSync(odd, `${'y'.repeat(32)};Path=/x\n`, { mode: 0o600 });
    const oddRun = await runOpsbar(['serve', '--port', '0', '--data-dir', dir, '--token-file', odd]);
    assert.equal(oddRun.code, 64);
    assert.match(oddRun.stderr, /characters other than letters, digits/);
  });

  test('a folder that does not exist is said so', async () => {
    const file = join(tempDir('opsbar-tokenfile-'), 'missing', 'scrape.token');
    const { code, stderr } = await runOpsbar(['serve', '--port', '0', '--data-dir', dataDir(), '--token-file', file]);
    assert.equal(code, 64);
    assert.match(stderr, /Cannot create the token file .*ENOENT.*folder exists/);
  });
});
