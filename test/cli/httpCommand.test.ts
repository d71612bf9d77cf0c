// `opsbar http` as a user runs it: the built CLI over a config naming checks against real local servers.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';
import { startTestServer, type TestServer } from '../core/monitors/http/httpTestServer';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function dataDirWithChecks(): Promise<{ dataDir: string; server: TestServer; gonePort: number }> {
  const server = await startTestServer((req, res) => {
    if (req.url?.startsWith('/health')) return void res.end('{"status":"ok"}');
    res.statusCode = 503;
    res.end('maintenance\nback soon');
  });
  servers.push(server);
  const gone = await startTestServer((_req, res) => res.end());
  await gone.close();
  const dataDir = tempDir('opsbar-http-cli-');
  writeFileSync(
    join(dataDir, 'config.yaml'),
    [
      'docker:',
      '  enabled: false',
      'gpu:',
      '  enabled: false',
      'models:',
      '  enabled: false',
      'http:',
      '  checks:',
      '    - name: api',
      `      url: http://ops:hunter2@127.0.0.1:${server.port}/health?token=s3cret`,
      '      expectBody: \'"status":"ok"\'',
      '    - name: admin',
      `      url: http://127.0.0.1:${server.port}/admin`,
      '    - name: gone',
      `      url: http://127.0.0.1:${gone.port}/health`,
      '',
    ].join('\n'),
  );
  return { dataDir, server, gonePort: gone.port };
}

test('opsbar http --json: each check once, with status, latency, the wrong body, failures; secrets stay out', async () => {
  const { dataDir, server, gonePort } = await dataDirWithChecks();
  const { code, stdout, stderr } = await runOpsbar(['http', '--json', '--data-dir', dataDir]);
  assert.equal(code, 0, stderr);
  assert.ok(!stdout.includes('hunter2') && !stdout.includes('s3cret'), 'no secret is printed');
  const snapshot = JSON.parse(stdout);
  const byName = Object.fromEntries(snapshot.checks.map((c: { name: string }) => [c.name, c]));
  assert.deepEqual(Object.keys(byName), ['api', 'admin', 'gone']);
  assert.equal(byName.api.url, `http://redacted:redacted@127.0.0.1:${server.port}/health?token=redacted`);
  assert.equal(byName.api.last.outcome, 'up');
  assert.equal(byName.api.last.status, 200);
  assert.equal(typeof byName.api.last.latencyMs, 'number');
  assert.equal(byName.api.severity, 'ok');
  assert.equal(byName.admin.last.outcome, 'wrong-answer');
  assert.equal(byName.admin.last.detail, 'answered 503, expected 200');
  assert.equal(byName.admin.last.bodyStart, 'maintenance back soon');
  assert.deepEqual([byName.admin.consecutiveFailures, byName.admin.failuresBeforeAlert, byName.admin.down], [1, 3, false]);
  assert.equal(byName.gone.last.outcome, 'unreachable');
  assert.equal(byName.gone.last.detail, `connection refused: nothing listens there (127.0.0.1:${gonePort}, ECONNREFUSED)`);
  assert.deepEqual(server.requests.sort(), ['/admin', '/health?token=s3cret'], 'each check ran once');
});

test('opsbar http (text) lists each check with its state; without checks it says how to add one', async () => {
  const { dataDir } = await dataDirWithChecks();
  const { code, stdout, stderr } = await runOpsbar(['http', '--data-dir', dataDir]);
  assert.equal(code, 0, stderr);
  assert.ok(!stdout.includes('hunter2'));
  assert.match(stdout, /^Health checks:$/m);
  assert.match(stdout, /^ {2}"api" http:\/\/redacted:redacted@127\.0\.0\.1:\d+\/health\?token=redacted: up \(answered 200 with the expected text, \d+ ms\)$/m);
  assert.match(stdout, /^ {2}"admin" .*: failing \(1 of 3 failures\): answered 503, expected 200, \d+ ms$/m);
  assert.match(stdout, /^ {4}body starts: maintenance back soon$/m);
  assert.match(stdout, /^ {2}"gone" .*: failing \(1 of 3 failures\): connection refused/m);

  const empty = tempDir('opsbar-http-cli-empty-');
  writeFileSync(join(empty, 'config.yaml'), 'docker:\n  enabled: false\ngpu:\n  enabled: false\nmodels:\n  enabled: false\n');
  const none = await runOpsbar(['http', '--data-dir', empty]);
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stdout, /Health checks: none configured \(add http\.checks/);
});
