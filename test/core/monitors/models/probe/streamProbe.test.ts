// The OpenAI-style probe over a real loopback socket: what it sends, and the counts and flags it
// reads for each stream shape. Rates are the bench's job (bench/modelProbe.ts), never asserted here.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { streamProbe } from '../../../../../electron/core/monitors/models/probe/streamProbe';
import type { ProbeResult, ProbeSuccess } from '../../../../../electron/core/monitors/models/probe/probeTypes';
import { startFakeModelServer, type FakeModelOptions, type FakeModelServer } from '../../../../support/fakeModelServer';

const servers: FakeModelServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function probe(options: FakeModelOptions, request: { apiKey?: string; path?: string } = {}) {
  const server = await startFakeModelServer({ tokensPerSecond: 2000, ...options });
  servers.push(server);
  const result = await streamProbe({ baseUrl: server.url, model: 'qwen3:8b', ...request });
  return { server, result };
}

function succeeded(result: ProbeResult): ProbeSuccess {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result;
}

test('sends the fixed small request: 64 tokens, temperature 0, streamed, include_usage, bearer key', async () => {
  const { server, result } = await probe({ apiKey: 'sk-local' }, { apiKey: 'sk-local' });
  succeeded(result);
  const [req] = server.requests;
  assert.equal(req?.path, '/v1/chat/completions');
  assert.equal(req?.headers.authorization, 'Bearer sk-local');
  assert.equal(req?.headers.accept, 'text/event-stream');
  assert.equal(req?.body.model, 'qwen3:8b');
  assert.equal(req?.body.max_tokens, 64);
  assert.equal(req?.body.temperature, 0);
  assert.equal(req?.body.stream, true);
  assert.deepEqual(req?.body.stream_options, { include_usage: true });
  assert.equal(JSON.stringify(result).includes('sk-local'), false, 'the key never appears in a result');
});

test('a base URL ending in /v1 is not doubled; LM Studio’s /api/v0 path can be asked for', async () => {
  const server = await startFakeModelServer({ tokensPerSecond: 2000 });
  servers.push(server);
  succeeded(await streamProbe({ baseUrl: `${server.url}/v1/`, model: 'm' }));
  succeeded(await streamProbe({ baseUrl: server.url, model: 'm', path: '/api/v0/chat/completions' }));
  assert.deepEqual(server.requests.map((r) => r.path), ['/v1/chat/completions', '/api/v0/chat/completions']);
});

test('usage present: completion tokens from the server, not estimated, answering model kept', async () => {
  const r = succeeded((await probe({ tokensPerChunk: 1 })).result);
  assert.equal(r.completionTokens, 64);
  assert.equal(r.promptTokens, 24);
  assert.equal(r.tokenChunks, 64);
  assert.equal(r.estimated, false);
  assert.equal(r.model, 'fake-model:8b');
  assert.ok(r.decodeTokensPerSecond !== null && r.decodeTokensPerSecond > 0);
  assert.ok(r.prefillTokensPerSecond !== null && r.prefillTokensPerSecond > 0);
  assert.ok(r.totalMs >= r.ttftMs);
  assert.equal(r.server, null);
  assert.equal(r.cold, false);
});

test('a role-only first chunk is not a token: 8-token chunks count 8 text chunks', async () => {
  const r = succeeded((await probe({ tokensPerChunk: 8, roleFirst: true })).result);
  assert.equal(r.tokenChunks, 8);
  assert.equal(r.completionTokens, 64);
});

test('3 tokens per chunk: 22 text chunks, 64 tokens from usage', async () => {
  const r = succeeded((await probe({ tokensPerChunk: 3 })).result);
  assert.equal(r.tokenChunks, 22);
  assert.equal(r.completionTokens, 64);
});

test('reasoning deltas before content count as text from the first one', async () => {
  const r = succeeded((await probe({ reasoningTokens: 10, roleFirst: true })).result);
  assert.equal(r.tokenChunks, 64);
  assert.equal(r.completionTokens, 64);
});

test('usage absent, 3 tokens a chunk, stopped at the limit: 64 tokens (the max_tokens the server stopped at), still estimated', async () => {
  const { server, result } = await probe({ usage: false, tokensPerChunk: 3, tokensPerSecond: 60 });
  const r = succeeded(result);
  assert.equal(r.estimated, true, 'the server gave no count of its own');
  assert.equal(r.tokenChunks, 22);
  assert.equal(r.completionTokens, 64, 'finish_reason "length" means max_tokens tokens, not 22 chunks');
  const truth = server.streams[0].tokensPerSecond;
  assert.ok(Math.abs(r.decodeTokensPerSecond! - truth) / truth < 0.02, `${r.decodeTokensPerSecond} vs ${truth}`);
});

test('usage absent: tokens counted as chunks, marked estimated, no prompt figure', async () => {
  const r = succeeded((await probe({ usage: false, tokensPerChunk: 1 })).result);
  assert.equal(r.estimated, true);
  assert.equal(r.completionTokens, 64);
  assert.equal(r.promptTokens, null);
  assert.equal(r.prefillTokensPerSecond, null);
});

test('llama.cpp timings on the final chunk are kept beside the client figures, warm', async () => {
  const r = succeeded((await probe({ extras: 'llama.cpp' })).result);
  assert.equal(r.server?.kind, 'llama.cpp');
  assert.equal(r.server?.kind === 'llama.cpp' && r.server.predictedTokens, 64);
  assert.equal(r.cold, false);
});

test('LM Studio stats: cold when it reports a model load time, warm otherwise', async () => {
  const cold = succeeded((await probe({ extras: 'lmstudio', loadSeconds: 3.5 })).result);
  assert.equal(cold.server?.kind, 'lmstudio');
  assert.equal(cold.server?.kind === 'lmstudio' && cold.server.modelLoadMs, 3500);
  assert.equal(cold.cold, true);
  const warm = succeeded((await probe({ extras: 'lmstudio' })).result);
  assert.equal(warm.cold, false);
});
