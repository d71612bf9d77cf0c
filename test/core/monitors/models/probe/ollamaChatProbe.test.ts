// Ollama's native /api/chat probe over a real loopback socket (server written from ollama docs/api.md).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ollamaChatProbe } from '../../../../../electron/core/monitors/models/probe/ollamaChatProbe';
import { startFakeModelServer, type FakeModelOptions, type FakeModelServer } from '../../../../support/fakeModelServer';

const servers: FakeModelServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function probe(options: FakeModelOptions, baseSuffix = '') {
  const server = await startFakeModelServer({ protocol: 'ollama', tokensPerSecond: 2000, ...options });
  servers.push(server);
  const result = await ollamaChatProbe({ baseUrl: server.url + baseSuffix, model: 'llama3.2' });
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return { server, result };
}

test('POSTs /api/chat streamed with num_predict 64 and temperature 0 (a /v1 base is tolerated)', async () => {
  const { server } = await probe({}, '/v1');
  const [req] = server.requests;
  assert.equal(req?.path, '/api/chat');
  assert.equal(req?.body.stream, true);
  assert.deepEqual(req?.body.options, { temperature: 0, num_predict: 64 });
});

test('eval_count is the token count; server figures from the done line; warm under 1 s of load', async () => {
  const { result } = await probe({ tokensPerChunk: 1, loadSeconds: 0.004 });
  assert.equal(result.completionTokens, 64);
  assert.equal(result.promptTokens, 24);
  assert.equal(result.tokenChunks, 64);
  assert.equal(result.estimated, false);
  assert.equal(result.server?.kind, 'ollama');
  assert.equal(result.server?.kind === 'ollama' && result.server.evalCount, 64);
  assert.equal(result.cold, false);
});

test('load_duration over 1 s marks the probe cold; thinking counts as text', async () => {
  const { result } = await probe({ loadSeconds: 2.5, reasoningTokens: 8 });
  assert.equal(result.cold, true);
  assert.equal(result.tokenChunks, 64);
  assert.equal(result.server?.kind === 'ollama' && result.server.loadMs, 2500);
});
