// The record's headline: the client's figures, the server's decode rate only where the client's is
// missing or estimated; which probe speaks to which kind; an endpoint's probe setting in minutes.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { ProbeSuccess } from '../../../../../electron/core/monitors/models/probe';
import { probeForKind } from '../../../../../electron/core/monitors/models/probing/probeForKind';
import { resolveProbeInterval } from '../../../../../electron/core/monitors/models/probing/probeInterval';
import { toProbeRecord } from '../../../../../electron/core/monitors/models/probing/probeRecord';
import { startFakeModelServer, type FakeModelServer } from '../../../../support/fakeModelServer';

const servers: FakeModelServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));
const context = { endpoint: 'http://127.0.0.1:1234', model: 'qwen2.5-7b-instruct', at: 1_700_000_000_000, trigger: 'operator' as const };

function success(over: Partial<ProbeSuccess>): ProbeSuccess {
  return {
    ok: true,
    model: 'qwen2.5-7b-instruct',
    ttftMs: 120,
    decodeTokensPerSecond: 50,
    prefillTokensPerSecond: 200,
    completionTokens: 64,
    promptTokens: 24,
    tokenChunks: 64,
    totalMs: 1400,
    estimated: false,
    cold: false,
    server: { kind: 'lmstudio', decodeTokensPerSecond: 55, ttftMs: 100, generationMs: 1300, modelLoadMs: null },
    ...over,
  };
}

test("the client's measured decode is the headline even where the server gives its own", () => {
  const record = toProbeRecord(success({}), context);
  assert.equal(record.source, 'client');
  assert.equal(record.decodeTokensPerSecond, 50);
  assert.equal(record.estimated, false);
  assert.deepEqual(record.client, { ttftMs: 120, decodeTokensPerSecond: 50, prefillTokensPerSecond: 200, tokenChunks: 64 });
  assert.equal(record.server?.decodeTokensPerSecond, 55);
  assert.deepEqual([record.endpoint, record.model, record.at, record.trigger], [context.endpoint, context.model, context.at, 'operator']);
});

test("an estimated or missing client decode gives way to the server's, and says so", () => {
  for (const over of [{ estimated: true, decodeTokensPerSecond: 30 }, { decodeTokensPerSecond: null }]) {
    const record = toProbeRecord(success(over), context);
    assert.equal(record.source, 'server', JSON.stringify(over));
    assert.equal(record.decodeTokensPerSecond, 55);
    assert.equal(record.client.decodeTokensPerSecond, over.decodeTokensPerSecond);
  }
});

test('without a server figure the client keeps the headline, estimated stays marked', () => {
  const record = toProbeRecord(success({ estimated: true, decodeTokensPerSecond: 30, server: null }), context);
  assert.deepEqual([record.source, record.decodeTokensPerSecond, record.estimated], ['client', 30, true]);
  const none = toProbeRecord(success({ decodeTokensPerSecond: null, server: { kind: 'lmstudio', decodeTokensPerSecond: null, ttftMs: null, generationMs: null, modelLoadMs: null } }), context);
  assert.deepEqual([none.source, none.decodeTokensPerSecond], ['client', null]);
});

test("LM Studio is probed on /api/v0/chat/completions (for its stats); without usage its own rate is the headline", async () => {
  const server = await startFakeModelServer({ tokensPerSecond: 2000, extras: 'lmstudio', usage: false });
  servers.push(server);
  const result = await probeForKind('lmstudio', { baseUrl: server.url, model: context.model });
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.equal(server.requests[0].path, '/api/v0/chat/completions');
  const record = toProbeRecord(result, context);
  assert.deepEqual([record.estimated, record.source, record.decodeTokensPerSecond], [true, 'server', 2000]);
});

test('llama.cpp, vLLM and mlx-lm are probed on /v1/chat/completions, Ollama on /api/chat', async () => {
  const openai = await startFakeModelServer({ tokensPerSecond: 2000 });
  const ollama = await startFakeModelServer({ tokensPerSecond: 2000, protocol: 'ollama' });
  servers.push(openai, ollama);
  for (const kind of ['llamacpp', 'vllm', 'mlx'] as const) assert.ok((await probeForKind(kind, { baseUrl: openai.url, model: 'm' })).ok, kind);
  assert.deepEqual(openai.requests.map((r) => r.path), ['/v1/chat/completions', '/v1/chat/completions', '/v1/chat/completions']);
  assert.ok((await probeForKind('ollama', { baseUrl: ollama.url, model: 'm' })).ok);
  assert.deepEqual(ollama.requests.map((r) => r.path), ['/api/chat']);
});

test("an endpoint's probe setting: unset or true = the default, false or disabled = 0, minutes as given", () => {
  assert.equal(resolveProbeInterval(undefined, 30), 30);
  assert.equal(resolveProbeInterval(true, 30), 30);
  assert.equal(resolveProbeInterval(false, 30), 0);
  assert.equal(resolveProbeInterval(5, 30), 5);
  assert.equal(resolveProbeInterval(0, 30), 0);
  assert.equal(resolveProbeInterval({ intervalMinutes: 10 }, 30), 10);
  assert.equal(resolveProbeInterval({ enabled: true }, 30), 30);
  assert.equal(resolveProbeInterval({ intervalMinutes: 10, enabled: false }, 30), 0);
});
