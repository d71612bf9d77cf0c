import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { llamacppKind } from '../../../../../electron/core/monitors/models/servers/llamacppKind';
import { lmstudioKind } from '../../../../../electron/core/monitors/models/servers/lmstudioKind';
import { mlxKind } from '../../../../../electron/core/monitors/models/servers/mlxKind';
import { ollamaKind } from '../../../../../electron/core/monitors/models/servers/ollamaKind';
import { vllmKind } from '../../../../../electron/core/monitors/models/servers/vllmKind';
import { fixture, fixtureGet } from './fixtureGet';

// Real captures where the shared set has them (PROVENANCE.md); the rest written from each
// project's documentation, and said so.
describe('Ollama reader over real /api/ps and /api/tags', () => {
  it('lists loaded models with size, size_vram and expires_at, then the others from /api/tags', async () => {
    const reading = await ollamaKind.read(
      fixtureGet({ '/api/tags': fixture('ollama-api-tags_docs-example.json'), '/api/ps': fixture('ollama-api-ps_gemma3-full-vram_nirmato-ollama-issue13.json') }),
    );
    assert.deepEqual(
      reading.models.map((model) => [model.name, model.loaded, model.sizeBytes, model.vramBytes, model.expiresAt]),
      [
        ['gemma3:latest', true, 5964735424, 5964735424, '2025-08-08T00:07:26.817827822+02:00'],
        ['deepseek-r1:latest', false, 4683075271, null, null],
        ['llama3.2:latest', false, 2019393189, null, null],
      ],
    );
    assert.equal(reading.models[0].details.quantization_level, 'Q4_K_M');
  });

  it('a model listed in both is shown once, as loaded (docs example)', async () => {
    const reading = await ollamaKind.read(fixtureGet({ '/api/tags': '{"models":[{"name":"mistral:latest","size":1}]}', '/api/ps': fixture('ollama-api-ps_docs-example.json') }));
    assert.deepEqual(reading.models.map((model) => [model.name, model.loaded, model.sizeBytes]), [['mistral:latest', true, 5137025024]]);
  });

  it('entries with size_vram and no size (issue 8644 values) read as unknown size, not a failure', async () => {
    const vrams = fixture('ollama-api-ps_size-vram-only_ollama-issue8644.txt').trim().split('\n').map(Number);
    const ps = JSON.stringify({ models: vrams.map((sizeVram, i) => ({ name: `model-${i}`, size_vram: sizeVram })) });
    const reading = await ollamaKind.read(fixtureGet({ '/api/tags': '{"models":[]}', '/api/ps': ps }));
    assert.deepEqual(reading.models.map((model) => [model.name, model.loaded, model.sizeBytes, model.vramBytes]), [
      ['model-0', true, null, 6119991978],
      ['model-1', true, null, 1221157120],
    ]);
  });

  it('identifies by /api/version and rejects what is not Ollama', async () => {
    assert.deepEqual(await ollamaKind.identify(fixtureGet({ '/api/version': '{"version":"0.5.7"}' })), { version: '0.5.7' });
    assert.equal(await ollamaKind.identify(fixtureGet({ '/api/version': { body: '<html>', contentType: 'text/html' } })), null);
  });
});

describe('LM Studio reader', () => {
  it('accepts the single-object answer of lmstudio-js issue 156 (real)', async () => {
    const get = fixtureGet({ '/api/v0/models': fixture('lmstudio-api-v0-models-single-object_lmstudio-js-issue156.json') });
    assert.deepEqual(await lmstudioKind.identify(get), { version: null });
    const [model] = (await lmstudioKind.read(get)).models;
    assert.equal(model.name, 'qwen2-vl-7b-instruct');
    assert.equal(model.loaded, false);
    assert.equal(model.contextLength, 32768);
    assert.deepEqual([model.details.type, model.details.quantization, model.details.arch], ['vlm', '4bit', 'qwen2_vl']);
  });

  it('reads a documented list with loaded and not-loaded entries', async () => {
    const list = { object: 'list', data: [{ id: 'a', type: 'llm', state: 'loaded', max_context_length: 8 }, { id: 'b', type: 'embeddings', state: 'not-loaded' }] };
    const reading = await lmstudioKind.read(fixtureGet({ '/api/v0/models': JSON.stringify(list) }));
    assert.deepEqual(reading.models.map((model) => [model.name, model.loaded]), [['a', true], ['b', false]]);
  });

  it('an OpenAI list without state is not LM Studio', async () => {
    assert.equal(await lmstudioKind.identify(fixtureGet({ '/api/v0/models': '{"object":"list","data":[{"id":"x"}]}' })), null);
  });
});

describe('vLLM reader', () => {
  it('reads /v1/models and the real /metrics counters', async () => {
    const get = fixtureGet({
      '/version': '{"version":"0.6.3"}',
      '/v1/models': '{"object":"list","data":[{"id":"bigscience/bloom-560m","owned_by":"vllm","max_model_len":2048}]}',
      '/metrics': { body: fixture('vllm-metrics_bloom-560m_ibm-vllm-pr18_excerpt.txt'), contentType: 'text/plain' },
    });
    assert.deepEqual(await vllmKind.identify(get), { version: '0.6.3' });
    const reading = await vllmKind.read(get);
    assert.deepEqual(reading.models.map((model) => [model.name, model.loaded, model.contextLength]), [['bigscience/bloom-560m', true, 2048]]);
    assert.equal(reading.counters?.generationTokensTotal, 218152);
  });

  it('a bare /version from something else is not vLLM', async () => {
    assert.equal(await vllmKind.identify(fixtureGet({ '/version': '{"version":"1.0"}' })), null);
  });
});

describe('llama.cpp reader', () => {
  it('reads /props, /slots and the real /metrics', async () => {
    const props = { default_generation_settings: { n_ctx: 8192 }, total_slots: 2, model_path: '/m/qwen2.5-7b-q4_k_m.gguf', build_info: 'b5000-1a2b3c4' };
    const get = fixtureGet({
      '/props': JSON.stringify(props),
      '/slots': JSON.stringify([{ id: 0, is_processing: true }, { id: 1, is_processing: false }]),
      '/metrics': { body: fixture('llamacpp-metrics_vulkan-build_llama.cpp-pr13196-comment_head.txt'), contentType: 'text/plain' },
    });
    assert.deepEqual(await llamacppKind.identify(get), { version: 'b5000-1a2b3c4' });
    const reading = await llamacppKind.read(get);
    assert.deepEqual(reading.models.map((model) => [model.name, model.loaded, model.contextLength]), [['qwen2.5-7b-q4_k_m.gguf', true, 8192]]);
    assert.deepEqual(reading.slots, { busy: 1, idle: 1 });
    assert.equal(reading.counters?.generationTokensTotal, 673);
    assert.deepEqual(reading.notes, []);
  });

  it('older slots say state 0/1; disabled /slots and /metrics become notes, not failures', async () => {
    const disabled = (what: string) => ({ status: 501, body: `{"error":{"code":501,"message":"This server does not support ${what} endpoint."}}` });
    const get = fixtureGet({ '/props': '{"default_generation_settings":{"n_ctx":4096},"total_slots":1,"model_path":"m.gguf"}', '/slots': disabled('slots'), '/metrics': disabled('metrics') });
    const reading = await llamacppKind.read(get);
    assert.equal(reading.slots, null);
    assert.equal(reading.counters, null);
    assert.match(reading.notes.join(' '), /--slots/);
    assert.match(reading.notes.join(' '), /--metrics/);
    const old = await llamacppKind.read(fixtureGet({ '/props': '{"default_generation_settings":{},"total_slots":2}', '/slots': '[{"id":0,"state":1},{"id":1,"state":0}]' }));
    assert.deepEqual(old.slots, { busy: 1, idle: 1 });
  });
});

describe('mlx-lm reader (written from mlx_lm/server.py)', () => {
  const mlxRoutes = { '/health': '{"status": "ok"}', '/v1/models': '{"object":"list","data":[{"id":"mlx-community/Qwen2.5-7B-Instruct-4bit","object":"model","created":1}]}' };

  it('identifies by /health and /v1/models while /props is 404, and lists the models', async () => {
    assert.deepEqual(await mlxKind.identify(fixtureGet(mlxRoutes)), { version: null });
    const reading = await mlxKind.read(fixtureGet(mlxRoutes));
    // `default_model` is mlx-lm's name for the --model it loaded at start: the one a probe may ask for without loading another.
    assert.deepEqual(reading.models.map((model) => [model.name, model.loaded]), [
      ['default_model', true],
      ['mlx-community/Qwen2.5-7B-Instruct-4bit', false],
    ]);
  });

  it('a llama.cpp (same /health, same /v1/models, but /props) is not mlx-lm', async () => {
    assert.equal(await mlxKind.identify(fixtureGet({ ...mlxRoutes, '/props': '{"default_generation_settings":{},"total_slots":1}' })), null);
  });
});
