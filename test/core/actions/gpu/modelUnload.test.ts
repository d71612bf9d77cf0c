// Unloading models through the servers' own APIs, against loopback fakes written from their docs:
// Ollama `POST /api/generate {model, keep_alive: 0}`, LM Studio 0.4+ `POST /api/v1/models/unload`.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createGpuAction } from '../../../../electron/core/actions/gpu/gpuAction';
import type { ModelServerKindName } from '../../../../electron/core/monitors/models/servers/modelServerKind';
import type { ActionPlan } from '../../../../shared/types/actions';
import type { ModelView } from '../../../../shared/types/models';
import { startFakeModelServer, type FakeModelServer, type FakeModelServerOptions } from '../../../support/fakeModelKinds';
import { noModelsSnapshot, upModelEndpoint } from '../../../support/statusFixtures';
import { gpuHarness } from './gpuActionHarness';

const action = createGpuAction();
const GB = 1_000_000_000;

function loadedModel(name: string, vramBytes: number): ModelView {
  return { name, loaded: true, sizeBytes: vramBytes, vramBytes, expiresAt: null, contextLength: null, details: {}, gpus: [], targetTokensPerSecond: 30, lastProbe: null, recentDecode: [], severity: 'ok' };
}

async function serverWithModel(t: TestContext, kind: ModelServerKindName, name: string, options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  const server = await startFakeModelServer(kind, { models: [{ name, loaded: true, sizeBytes: 4 * GB, vramBytes: 4 * GB }], ...options });
  t.after(() => server.close());
  return server;
}

/** A harness whose status shows `server` up with `name` loaded (the GPU has no processes). */
function harnessFor(t: TestContext, server: FakeModelServer, name: string) {
  const label = server.kind === 'ollama' ? 'Ollama' : 'LM Studio';
  const endpoint = upModelEndpoint(server.url, { kind: server.kind, kindLabel: label, name: `${label} :${server.port}`, models: [loadedModel(name, 4 * GB)] });
  return gpuHarness(t, [], { phase: 'idle', models: () => noModelsSnapshot(1, { endpoints: [endpoint] }) });
}

async function planOf(h: ReturnType<typeof harnessFor>): Promise<ActionPlan> {
  const draft = await action.plan({}, h.deps);
  return { id: 'gpu-plan-models', hash: '0'.repeat(64), action: 'gpu', params: {}, createdAt: 0, expiresAt: 0, predictedBytes: 0, ...draft };
}

test('an Ollama model is unloaded with keep_alive 0 and leaves /api/ps; a second try finds it no longer loaded', async (t) => {
  const server = await serverWithModel(t, 'ollama', 'llama3.2:latest');
  const h = harnessFor(t, server, 'llama3.2:latest');
  const plan = await planOf(h);
  assert.deepEqual(
    plan.items.map((i) => [i.id, i.kind, i.name, i.bytes, i.selected, i.facts]),
    [[`model:${server.url}|llama3.2:latest`, 'model.unload', `llama3.2:latest on Ollama :${server.port}`, 4 * GB, true, { endpoint: server.url, serverKind: 'ollama', model: 'llama3.2:latest' }]],
  );
  const result = await action.executeItem(plan.items[0], plan, h.context);
  assert.deepEqual(result, { outcome: 'done', detail: 'unloaded (keep_alive: 0)', bytes: 4 * GB });
  assert.deepEqual(server.posts, [{ path: '/api/generate', body: { model: 'llama3.2:latest', keep_alive: 0 } }]);
  const ps = (await (await fetch(`${server.url}/api/ps`)).json()) as { models: unknown[] };
  assert.deepEqual(ps.models, []);
  assert.deepEqual(await action.executeItem(plan.items[0], plan, h.context), { outcome: 'skipped', detail: 'llama3.2:latest is no longer loaded: nothing to unload' });
  assert.equal(server.posts.length, 1, 'nothing is sent for a model that is not loaded');
});

test('an LM Studio model is unloaded by its instance id; a build without the unload API says what to do instead', async (t) => {
  const server = await serverWithModel(t, 'lmstudio', 'qwen2.5-7b-instruct');
  const h = harnessFor(t, server, 'qwen2.5-7b-instruct');
  const plan = await planOf(h);
  assert.deepEqual(await action.executeItem(plan.items[0], plan, h.context), { outcome: 'done', detail: 'unloaded', bytes: 4 * GB });
  assert.deepEqual(server.posts, [{ path: '/api/v1/models/unload', body: { instance_id: 'qwen2.5-7b-instruct' } }]);

  const old = await serverWithModel(t, 'lmstudio', 'qwen2.5-7b-instruct', { lmstudioUnload: false });
  const oldHarness = harnessFor(t, old, 'qwen2.5-7b-instruct');
  const oldPlan = await planOf(oldHarness);
  assert.deepEqual(await action.executeItem(oldPlan.items[0], oldPlan, oldHarness.context), {
    outcome: 'failed',
    detail: `LM Studio at ${old.url} has no unload API (it needs LM Studio 0.4 or later): unload qwen2.5-7b-instruct in LM Studio or run \`lms unload qwen2.5-7b-instruct\``,
  });
});

test('a loaded model of a server without an unload call is kept, saying to stop its process or container', async (t) => {
  const h = gpuHarness(t, [], {
    phase: 'idle',
    models: () => noModelsSnapshot(1, { endpoints: [upModelEndpoint('http://127.0.0.1:8080', { kind: 'llamacpp', kindLabel: 'llama.cpp', name: 'llama.cpp :8080', models: [loadedModel('qwen.gguf', 5 * GB)] })] }),
  });
  const draft = await action.plan({}, h.deps);
  assert.deepEqual(draft.items, []);
  assert.deepEqual(draft.kept, [{ id: 'model:http://127.0.0.1:8080|qwen.gguf', kind: 'model.unload', name: 'qwen.gguf on llama.cpp :8080', reason: 'llama.cpp has no unload call: stop its process or container instead' }]);
});
