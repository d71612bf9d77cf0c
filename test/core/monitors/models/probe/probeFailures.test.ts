// Hostile servers: every probe fails with one plain sentence and no figures, within its bounds.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { ollamaChatProbe } from '../../../../../electron/core/monitors/models/probe/ollamaChatProbe';
import { streamProbe } from '../../../../../electron/core/monitors/models/probe/streamProbe';
import type { ProbeRequest, ProbeResult } from '../../../../../electron/core/monitors/models/probe/probeTypes';
import { eventually } from '../../../../support/eventually';
import { startFakeModelServer, type FakeModelOptions, type FakeModelServer } from '../../../../support/fakeModelServer';

const servers: FakeModelServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function start(options: FakeModelOptions) {
  const server = await startFakeModelServer({ tokensPerSecond: 2000, ...options });
  servers.push(server);
  return server;
}

/** The reason of a failed probe; a failed probe carries nothing that looks like a measurement. */
function reason(result: ProbeResult): string {
  assert.equal(result.ok, false, 'the probe should have failed');
  assert.deepEqual(Object.keys(result).sort(), ['ok', 'reason']);
  return result.ok ? '' : result.reason;
}

/** A server that answers every request 200 with this body. */
async function startServerWith(type: string, body: string): Promise<string> {
  const server = createHttpServer((req, res) => req.resume().on('end', () => res.writeHead(200, { 'content-type': type }).end(body)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const run = async (options: FakeModelOptions, request: Partial<ProbeRequest> = {}) => {
  const server = await start(options);
  return { server, why: reason(await streamProbe({ baseUrl: server.url, model: 'qwen3:8b', ...request })) };
};

test('HTML instead of a stream', async () => {
  const { why } = await run({ hostile: 'html' });
  assert.match(why, /^http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions answered HTML, not an event stream/);
});

test('401: the key was refused, and the key is never echoed', async () => {
  const { why } = await run({ apiKey: 'right' }, { apiKey: 'wrong-secret' });
  assert.match(why, /answered 401: the API key was refused \(check the key in the environment variable named by apiKeyEnv\)/);
  assert.equal(why.includes('wrong-secret'), false);
  const { why: none } = await run({ apiKey: 'right' });
  assert.match(none, /answered 401: the API key was refused \(no key was sent/);
});

test('malformed SSE: the line and what is wrong with it', async () => {
  const { why } = await run({ hostile: 'malformed' });
  assert.match(why, /sent a malformed event at line 3 \(not JSON\): "\{"choices": \[\{"delta": \{"content": "tw"\./);
});

test('a plain JSON answer (stream ignored or an error), an error event, or text that is not SSE', async () => {
  const json = await startServerWith('application/json', '{"id":"x","choices":[{"message":{"role":"assistant","content":"1 2 3"}}]}');
  assert.match(reason(await streamProbe({ baseUrl: json, model: 'm' })), /answered plain JSON, not an event stream: the server ignored "stream": true\./);
  const error = await startServerWith('application/json', '{"error":{"message":"model \\"x\\" is not loaded","code":404}}');
  assert.match(reason(await streamProbe({ baseUrl: error, model: 'm' })), /answered an error: model "x" is not loaded instead of an event stream\./);
  const inStream = await startServerWith('text/event-stream', 'data: {"error":{"message":"context length exceeded"}}\n\n');
  assert.match(reason(await streamProbe({ baseUrl: inStream, model: 'm' })), /sent an error: context length exceeded \(line 1\)\./);
  const text = await startServerWith('text/plain', 'upstream connect error\n');
  assert.match(reason(await streamProbe({ baseUrl: text, model: 'm' })), /sent a malformed event stream at line 1: "upstream connect error" is not a "data:" line\./);
});

test('HTML is known by its content type as well as by a leading "<"', async () => {
  const page = await startServerWith('text/html; charset=utf-8', 'Please sign in to continue.');
  assert.match(reason(await streamProbe({ baseUrl: page, model: 'm' })), /answered HTML, not an event stream/);
});

test('a stream that ends cleanly but before the answer finished (no finish_reason, no [DONE])', async () => {
  const piece = (text: string) => `data: ${JSON.stringify({ model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
  const url = await startServerWith('text/event-stream', piece('1') + piece(' 2') + piece(' 3'));
  assert.match(reason(await streamProbe({ baseUrl: url, model: 'm' })), /closed the stream after 3 chunks, before the answer finished\./);
});

test('closed mid-stream: after how many chunks', async () => {
  const { why } = await run({ hostile: 'closeMidStream', chunksBeforeClose: 3 });
  assert.match(why, /closed the stream after 3 chunks, before the answer finished\./);
});

test('megabytes in one line: stopped at the line bound, not read to the end', async () => {
  const { server, why } = await run({ hostile: 'hugeLine' });
  assert.match(why, /sent a line longer than 256 KiB \(line 1\); stopped reading\./);
  assert.ok(server.writtenBytes() < 64 * 1024 * 1024, 'the client left long before the server ran out');
});

test('a never-ending stream: stopped at the byte bound, or at the deadline', async () => {
  const { why } = await run({ hostile: 'endless' }, { maxBytes: 64 * 1024 });
  assert.match(why, /sent more than 64 KiB for a short answer; stopped reading\./);
  // 2 s: the first chunks (500 a second) must come before the deadline even on a loaded machine.
  const { why: late } = await run({ hostile: 'endless', tokensPerSecond: 500 }, { deadlineMs: 2000 });
  assert.match(late, /did not finish a 64-token answer within 2 s \(\d+ chunks so far\); the stream never ended\./);
});

test('a hung server: no token within the deadline', async () => {
  const { why } = await run({ hostile: 'hang' }, { deadlineMs: 200 });
  assert.match(why, /sent no token within 0\.2 s; the server is hung or still loading "qwen3:8b"\./);
});

test('cancelled through the AbortSignal while the server hangs', async () => {
  const server = await start({ hostile: 'hang' });
  const controller = new AbortController();
  const pending = streamProbe({ baseUrl: server.url, model: 'm', signal: controller.signal });
  await eventually('the request to arrive', () => server.requests.length === 1);
  controller.abort();
  assert.match(reason(await pending), /^The probe of http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions was cancelled\.$/);
});

test('nothing listening: refused, with what to check', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => resolve(p));
    });
  });
  const why = reason(await streamProbe({ baseUrl: `http://127.0.0.1:${port}`, model: 'm' }));
  assert.match(why, /refused the connection: is the model server running on that port\?/);
  assert.match(reason(await streamProbe({ baseUrl: 'not a url', model: 'm' })), /"not a url" is not a URL/);
});

test('Ollama NDJSON cut before its done line, or HTML: the same plain reasons', async () => {
  const cut = await start({ protocol: 'ollama', hostile: 'closeMidStream', chunksBeforeClose: 5 });
  assert.match(reason(await ollamaChatProbe({ baseUrl: cut.url, model: 'm' })), /\/api\/chat closed the stream after 5 chunks/);
  const html = await start({ hostile: 'html' });
  assert.match(reason(await ollamaChatProbe({ baseUrl: html.url, model: 'm' })), /\/api\/chat answered HTML/);
});
