// The http step kind against a real local server: status and body checks, connection
// refused, a big body, and a request aborted by the step's timeout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StepTimeoutError } from '../../../../electron/core/runbooks/run/stepAbort';
import { httpStepKind } from '../../../../electron/core/runbooks/steps/httpStep';
import { testStep } from './support/stepContext';

let server: Server;
let base = '';
const requests: IncomingMessage[] = [];
const waiting: (() => void)[] = [];

before(async () => {
  server = createServer((req, res) => {
    requests.push(req);
    switch (req.url) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('hello\nServer Version: 24.0.7\n');
        break;
      case '/fail':
        res.writeHead(503).end('overloaded');
        break;
      case '/empty':
        res.writeHead(204).end();
        break;
      case '/big':
        res.writeHead(200).end('a'.repeat(2 * 1024 * 1024) + 'END');
        break;
      case '/slow':
        waiting.forEach((fn) => fn()); // answers never: the step's timeout must end it
        break;
      default:
        res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function http(body: string, attributes: Record<string, string> = {}, timeoutMs?: number) {
  return testStep({ kind: 'http', body, attributes, homeDir: '/', timeoutMs });
}

test('validate: METHOD URL, http(s) only, status lists and patterns', () => {
  assert.deepEqual(httpStepKind.validate({ body: 'GET http://127.0.0.1:11434/api/tags', attributes: { 'expect-status': '200,204', 'expect-output': 'models' } }), []);
  assert.deepEqual(httpStepKind.validate({ body: 'GET http://127.0.0.1:${PORT}/x/${NAME}', attributes: { 'expect-status': '200-299' } }), []);
  const cases: [string, Record<string, string>, RegExp][] = [
    ['DELETE http://x/', {}, /method DELETE/],
    ['GET file:///etc/passwd', {}, /only http and https/],
    ['GET ftp://x/', {}, /only http and https/],
    ['GET not a url', {}, /not METHOD URL/],
    ['GET http://127.0.0.1/\nGET http://127.0.0.1/', {}, /exactly one line/],
    ['GET http://user:pw@127.0.0.1/', {}, /credentials/],
    ['GET http://127.0.0.1/', { 'expect-status': '99' }, /expect-status "99"/],
    ['GET http://127.0.0.1/', { 'expect-status': '299-200' }, /expect-status/],
    ['GET http://127.0.0.1/', { 'expect-output': '[' }, /not a valid regular expression/],
    ['HEAD http://127.0.0.1/', { 'expect-output': 'x' }, /HEAD request has no body/],
  ];
  for (const [body, attributes, problem] of cases) {
    const problems = httpStepKind.validate({ body, attributes });
    assert.equal(problems.length, 1, `${body}: ${problems.join('; ')}`);
    assert.match(problems[0], problem);
  }
});

test('a 200 with the expected body passes and the output shows the answer', async () => {
  const step = http(`GET ${base}/ok`, { 'expect-output': '^Server Version' });
  const result = await httpStepKind.execute(step.context);
  assert.deepEqual(result.checks, [
    { label: 'HTTP status', expected: '200-299', actual: '200 OK', passed: true },
    { label: 'body matches', expected: '/^Server Version/m', actual: 'found: Server Version: 24.0.7', passed: true },
  ]);
  assert.equal(result.summary, `GET ${base}/ok → 200 OK, body matched`);
  assert.match(step.output(), new RegExp(`^GET ${base}/ok → 200 OK \\(\\d+ ms\\)\\nhello\\nServer Version: 24.0.7\\n$`));
});

test('the expanded body is what is requested (params substituted by the runner)', async () => {
  const step = testStep({ kind: 'http', body: 'GET ${BASE}/ok', expandedBody: `GET ${base}/ok`, homeDir: '/' });
  const result = await httpStepKind.execute(step.context);
  assert.equal(result.checks[0].passed, true);
});

test('a status outside expect-status fails with a plain summary', async () => {
  const result = await httpStepKind.execute(http(`GET ${base}/fail`).context);
  assert.deepEqual(result.checks, [{ label: 'HTTP status', expected: '200-299', actual: '503 Service Unavailable', passed: false }]);
  assert.equal(result.summary, `HTTP 503 Service Unavailable (expected 200-299) from ${base}/fail`);
  const expected = await httpStepKind.execute(http(`GET ${base}/fail`, { 'expect-status': '500-599' }).context);
  assert.equal(expected.checks[0].passed, true);
  const list = await httpStepKind.execute(http(`GET ${base}/empty`, { 'expect-status': '200,204' }).context);
  assert.equal(list.checks[0].passed, true);
});

test('a body without the expected text fails', async () => {
  const result = await httpStepKind.execute(http(`GET ${base}/ok`, { 'expect-output': 'models' }).context);
  assert.equal(result.checks[1].passed, false);
  assert.equal(result.summary, `GET ${base}/ok → 200 OK, expected body not found`);
});

test('HEAD and POST are sent as such', async () => {
  requests.length = 0;
  await httpStepKind.execute(http(`HEAD ${base}/ok`).context);
  await httpStepKind.execute(http(`POST ${base}/ok`).context);
  assert.deepEqual(requests.map((r) => r.method), ['HEAD', 'POST']);
});

test('connection refused is a sentence an operator understands', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const step = http(`GET http://127.0.0.1:${port}/api/tags`);
  const result = await httpStepKind.execute(step.context);
  assert.equal(result.summary, `nothing answers at http://127.0.0.1:${port} (connection refused)`);
  assert.equal(result.checks[0].passed, false);
  assert.match(step.output(), /connection refused/);
});

test('a big body: the output shows 4 KiB, the match searches the first MiB', async () => {
  const step = http(`GET ${base}/big`, { 'expect-output': 'END' });
  const result = await httpStepKind.execute(step.context);
  assert.equal(result.checks[0].passed, true);
  assert.deepEqual({ ...result.checks[1], actual: result.checks[1].actual.slice(0, 27) }, { label: 'body matches (searched first 1 MiB of the body)', expected: '/END/m', actual: 'not found; last line: aaaaa', passed: false });
  assert.ok(step.bytes() < 5 * 1024, `wrote ${step.bytes()} bytes`);
  assert.match(step.output(), /not shown\]\n$/);
});

test('a server that never answers is cut off by the step timeout', async () => {
  const step = http(`GET ${base}/slow`, {}, 2_000);
  waiting.push(() => step.controller.abort(new StepTimeoutError(2_000)));
  const result = await httpStepKind.execute(step.context);
  waiting.length = 0;
  assert.equal(result.timedOut, true);
  assert.equal(result.summary, `timed out after 2 s (no answer from ${base})`);
  assert.equal(result.checks[0].passed, false);
});
