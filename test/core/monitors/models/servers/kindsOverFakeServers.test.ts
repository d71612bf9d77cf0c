import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { boundedGetFor } from '../../../../../electron/core/monitors/models/servers/boundedGet';
import { counterRate } from '../../../../../electron/core/monitors/models/servers/counterRate';
import { modelServerKind } from '../../../../../electron/core/monitors/models/servers/modelServerKinds';
import { startFakeModelServer, type FakeModelServer } from '../../../../support/fakeModelKinds';
import { HANG_GUARD_MS } from '../../../../support/eventually';

/** Generous on purpose: only the tests about deadlines may meet one on a loaded machine. */
const PATIENT = { deadlineMs: HANG_GUARD_MS };

const servers: FakeModelServer[] = [];
after(async () => Promise.all(servers.map((server) => server.close())));
async function start(...args: Parameters<typeof startFakeModelServer>) {
  const server = await startFakeModelServer(...args);
  servers.push(server);
  return server;
}

describe('each kind read over a real loopback server', () => {
  it('Ollama: loaded and available models with memory', async () => {
    const server = await start('ollama', { models: [{ name: 'llama3.1:8b', loaded: true, sizeBytes: 6e9, vramBytes: 5e9 }, { name: 'qwen3:4b', loaded: false }] });
    const reading = await modelServerKind('ollama').read(boundedGetFor(server.url, PATIENT));
    assert.deepEqual(reading.models.map((model) => [model.name, model.loaded, model.vramBytes]), [['llama3.1:8b', true, 5e9], ['qwen3:4b', false, null]]);
  });

  it('LM Studio: a model loaded later shows as loaded', async () => {
    const server = await start('lmstudio', { models: [{ name: 'a', loaded: false }] });
    const read = () => modelServerKind('lmstudio').read(boundedGetFor(server.url, PATIENT));
    assert.equal((await read()).models[0].loaded, false);
    server.setModels([{ name: 'a', loaded: true }]);
    assert.equal((await read()).models[0].loaded, true);
  });

  it('vLLM: tokens/s from two scrapes of generation_tokens_total, none across a restart', async () => {
    const server = await start('vllm');
    const read = async (atMs: number) => ({ value: (await modelServerKind('vllm').read(boundedGetFor(server.url, PATIENT))).counters?.generationTokensTotal ?? null, atMs });
    server.setCounters({ generation: 1000, prompt: 10 });
    const first = await read(0);
    server.setCounters({ generation: 1450, prompt: 20 });
    const second = await read(15_000);
    assert.equal(counterRate(first, second), 30);
    server.setCounters({ generation: 12, prompt: 1 });
    assert.equal(counterRate(second, await read(30_000)), null);
  });

  it('llama.cpp: busy slots and, with --metrics, counters', async () => {
    const server = await start('llamacpp', { slots: { total: 4, busy: 3 }, metrics: true });
    server.setCounters({ generation: 77, prompt: 5, running: 3 });
    const reading = await modelServerKind('llamacpp').read(boundedGetFor(server.url, PATIENT));
    assert.deepEqual(reading.slots, { busy: 3, idle: 1 });
    assert.deepEqual(reading.counters, { generationTokensTotal: 77, promptTokensTotal: 5, requestsRunning: 3 });
  });

  it('mlx-lm: the model it was started with (default_model, loaded) and the models it lists', async () => {
    const server = await start('mlx', { models: [{ name: 'mlx-community/Llama-3.2-3B-Instruct-4bit', loaded: false }] });
    const reading = await modelServerKind('mlx').read(boundedGetFor(server.url, PATIENT));
    assert.deepEqual(reading.models.map((model) => [model.name, model.loaded]), [['default_model', true], ['mlx-community/Llama-3.2-3B-Instruct-4bit', false]]);
  });

  it('a hostile server makes read fail with its sentence, for every kind', async () => {
    for (const kind of ['ollama', 'llamacpp', 'lmstudio', 'vllm', 'mlx'] as const) {
      const server = await start(kind);
      server.hostile('html');
      await assert.rejects(modelServerKind(kind).read(boundedGetFor(server.url, PATIENT)), /answered HTML, not JSON/, kind);
      server.hostile('unauthorized');
      await assert.rejects(modelServerKind(kind).read(boundedGetFor(server.url, PATIENT)), /401: the API key was refused/, kind);
      server.hostile('flood');
      await assert.rejects(modelServerKind(kind).read(boundedGetFor(server.url, PATIENT)), /sent more than 2 MiB/, kind);
      server.hostile('hang');
      await assert.rejects(modelServerKind(kind).read(boundedGetFor(server.url, { deadlineMs: 200 })), /no complete answer within 0\.2 s/, kind);
    }
  });
});
