// One attempt of a health check against real servers on 127.0.0.1 (http and https with certificates made by openssl).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeProbeError } from '../../../../electron/core/monitors/http/httpProbeErrors';
import { MAX_BODY_BYTES, probeHttp } from '../../../../electron/core/monitors/http/httpProbe';
import { startTestServer, type TestServer } from './httpTestServer';
import { makeTestCertificates, type TestCertificates } from './tlsFixtures';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));
let certs: TestCertificates;
before(() => {
  certs = makeTestCertificates();
});

async function serve(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}

test('a 200 is up, with the status and a latency; the body is not needed', async () => {
  const server = await serve((_req, res) => res.end('ok'));
  const result = await probeHttp({ url: `${server.url}/health`, expectStatus: 200, timeoutMs: 5_000 });
  assert.equal(result.outcome, 'up');
  assert.equal(result.status, 200);
  assert.equal(result.detail, 'answered 200');
  assert.equal(typeof result.latencyMs, 'number');
  assert.equal(result.bodyStart, null);
  assert.deepEqual(server.requests, ['/health']);
});

test('another status is a wrong answer: said with the expected one, and the first bytes of the body without control characters', async () => {
  const server = await serve((_req, res) => {
    res.statusCode = 503;
    res.end('Service Unavailable\r\n\tdatabase\u0007 is down\u001b[0m');
  });
  const result = await probeHttp({ url: `${server.url}/health`, expectStatus: 200, timeoutMs: 5_000 });
  assert.equal(result.outcome, 'wrong-answer');
  assert.equal(result.status, 503);
  assert.equal(result.detail, 'answered 503, expected 200');
  assert.equal(result.bodyStart, 'Service Unavailable database is down[0m');
});

test('expectBody: a body without the text is a wrong answer showing its first 200 characters; with it, up', async () => {
  const body = `{"status":"degraded","detail":"${'x'.repeat(400)}"}`;
  const server = await serve((req, res) => res.end(req.url === '/good' ? '{"status":"ok"}' : body));
  const wrong = await probeHttp({ url: `${server.url}/bad`, expectStatus: 200, expectBody: '"status":"ok"', timeoutMs: 5_000 });
  assert.equal(wrong.outcome, 'wrong-answer');
  assert.equal(wrong.detail, 'answered 200, but the body does not contain "\\"status\\":\\"ok\\""');
  assert.equal(wrong.bodyStart, body.slice(0, 200));
  const good = await probeHttp({ url: `${server.url}/good`, expectStatus: 200, expectBody: '"status":"ok"', timeoutMs: 5_000 });
  assert.equal(good.outcome, 'up');
});

test('a 301 is reported with its Location (secrets redacted) and not followed', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/health') {
      res.writeHead(301, { Location: '/login?next=%2Fhealth&token=s3cr3t-value' });
      res.end();
    } else res.end('login page');
  });
  const result = await probeHttp({ url: `${server.url}/health`, expectStatus: 200, timeoutMs: 5_000 });
  assert.equal(result.outcome, 'redirect');
  assert.equal(result.status, 301);
  assert.equal(result.location, `${server.url}/login?next=%2Fhealth&token=redacted`);
  assert.match(result.detail, /^redirects to http:\/\/127\.0\.0\.1:\d+\/login\?next=%2Fhealth&token=redacted \(301\), expected 200; redirects are not followed$/);
  assert.ok(!result.detail.includes('s3cr3t'));
  assert.deepEqual(server.requests, ['/health'], 'the Location was never requested');
  // Expecting the redirect makes it the good answer.
  assert.equal((await probeHttp({ url: `${server.url}/health`, expectStatus: 301, timeoutMs: 5_000 })).outcome, 'up');
});

test('TLS: a self-signed certificate is said plainly', async () => {
  const server = await serve((_req, res) => res.end('ok'), certs.selfSigned);
  const result = await probeHttp({ url: `${server.url}/health`, expectStatus: 200, timeoutMs: 5_000 });
  assert.equal(result.outcome, 'tls-error');
  assert.equal(result.status, null);
  assert.match(result.detail, /the certificate is self-signed .*\(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
});

test('TLS: an expired certificate, one for another host name, and a valid one from a trusted CA', async () => {
  const expired = await serve((_req, res) => res.end('ok'), certs.expired);
  const wrongName = await serve((_req, res) => res.end('ok'), certs.wrongName);
  const valid = await serve((_req, res) => res.end('ok'), certs.valid);
  const probe = (server: TestServer) => probeHttp({ url: `${server.url}/health`, expectStatus: 200, timeoutMs: 5_000 }, { ca: certs.ca });
  const e = await probe(expired);
  assert.equal(e.outcome, 'tls-error');
  assert.equal(e.detail, 'the certificate has expired (CERT_HAS_EXPIRED)');
  const w = await probe(wrongName);
  assert.equal(w.outcome, 'tls-error');
  assert.equal(w.detail, 'the certificate is for another host name: it names DNS:other.example, the URL 127.0.0.1 (ERR_TLS_CERT_ALTNAME_INVALID)');
  assert.equal((await probe(valid)).outcome, 'up');
});

test('a server that accepts and never answers is a timeout after timeoutMs; nothing listening is a refused connection', async () => {
  const silent = await serve(() => undefined);
  const hung = await probeHttp({ url: `${silent.url}/health`, expectStatus: 200, timeoutMs: 300 });
  assert.equal(hung.outcome, 'timeout');
  assert.equal(hung.detail, 'connected, but no answer within 300 ms');
  const gone = await startTestServer((_req, res) => res.end());
  await gone.close();
  const refused = await probeHttp({ url: `${gone.url}/health`, expectStatus: 200, timeoutMs: 5_000 });
  assert.equal(refused.outcome, 'unreachable');
  assert.equal(refused.detail, `connection refused: nothing listens there (127.0.0.1:${gone.port}, ECONNREFUSED)`);
});

test('a 10 MB body is not read beyond the cap: the probe stops reading and closes the connection', async () => {
  let serverDone!: () => void;
  const serverSaw = new Promise<void>((resolve) => (serverDone = resolve));
  const server = await serve((_req, res) => {
    res.on('close', () => serverDone());
    res.end(Buffer.alloc(10 * 1024 * 1024, 'a'));
  });
  const result = await probeHttp({ url: `${server.url}/big`, expectStatus: 200, expectBody: 'never there', timeoutMs: 30_000 });
  assert.equal(result.outcome, 'wrong-answer');
  assert.match(result.detail, /does not contain "never there" in its first 64 KiB$/);
  assert.ok(result.bodyBytesRead >= MAX_BODY_BYTES, `read ${result.bodyBytesRead}`);
  assert.ok(result.bodyBytesRead < 1024 * 1024, `read ${result.bodyBytesRead} bytes, far less than 10 MB`);
  assert.equal(result.bodyStart, 'a'.repeat(200));
  await serverSaw;
});

test('error codes in words: names, routes, TLS', () => {
  const err = (code: string, extra: object = {}) => Object.assign(new Error(`x ${code}`), { code, ...extra });
  assert.equal(describeProbeError(err('ENOTFOUND'), 'nas.local:80').detail, 'the host name does not resolve (nas.local:80, ENOTFOUND)');
  assert.equal(describeProbeError(err('EHOSTUNREACH'), '10.0.0.9:80').detail, 'no route to the host (10.0.0.9:80, EHOSTUNREACH)');
  assert.equal(describeProbeError(err('ECONNRESET'), 'h:1').detail, 'the connection was reset before an answer (h:1, ECONNRESET)');
  assert.deepEqual(describeProbeError(err('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'h:443'), {
    kind: 'tls-error',
    detail: "the certificate's issuer is unknown here (the server may not send its intermediate certificate) (UNABLE_TO_VERIFY_LEAF_SIGNATURE)",
  });
  assert.equal(describeProbeError(err('SELF_SIGNED_CERT_IN_CHAIN'), 'h:443').kind, 'tls-error');
  assert.equal(describeProbeError(err('EWHATEVER'), 'h:1').detail, 'x EWHATEVER (EWHATEVER)');
});
