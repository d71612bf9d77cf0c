// "Probe now": what is probed, what is skipped and why (not loaded, unknown endpoint, already
// running), and `done` settling with every started probe's outcome.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../../../../support/eventually';
import { askedModels, fakeServer, harness, observed } from './probingHarness';

test('a model that is not loaded is skipped with the reason, unless asked with load', async () => {
  const server = await fakeServer();
  const h = harness({ role: 'cli' });
  const endpoint = observed(server, { name: 'Ollama :11434', loadedModels: ['qwen3:8b'] });
  h.probes.observe([endpoint]);
  const refused = h.probes.probeNow({ endpoint: server.url, model: 'qwen3:32b' });
  assert.deepEqual(refused.started, []);
  assert.deepEqual(refused.skipped, [
    { endpoint: server.url, model: 'qwen3:32b', reason: 'qwen3:32b is not loaded on Ollama :11434; a probe would load it. Ask with load to probe it anyway.' },
  ]);
  assert.deepEqual(await refused.done, []);
  assert.equal(server.requests.length, 0);

  const asked = h.probes.probeNow({ endpoint: server.url, model: 'qwen3:32b', load: true });
  assert.deepEqual(asked.started, [{ endpoint: server.url, model: 'qwen3:32b' }]);
  const [record] = await asked.done;
  assert.equal(record.model, 'qwen3:32b');
  assert.ok('ttftMs' in record);
  assert.deepEqual(askedModels(server), ['qwen3:32b']);

  // Named without an endpoint: the same rule over every endpoint.
  const nowhere = h.probes.probeNow({ model: 'qwen3:32b' });
  assert.deepEqual(nowhere.started, []);
  assert.match(nowhere.skipped[0].reason, /^qwen3:32b is not loaded on any model server that answered; a probe would load it\. Ask with load/);
});

test('without an endpoint every observed endpoint\'s loaded models; one with none loaded says so', async () => {
  const [a, b, empty] = await Promise.all([fakeServer(), fakeServer(), fakeServer()]);
  const h = harness({ role: 'cli' });
  h.probes.observe([observed(a, { loadedModels: ['m1', 'm2'] }), observed(b, { loadedModels: ['m3'] }), observed(empty, { name: 'LM Studio :1234', loadedModels: [] })]);
  const outcome = h.probes.probeNow({});
  assert.deepEqual(outcome.started, [
    { endpoint: a.url, model: 'm1' },
    { endpoint: a.url, model: 'm2' },
    { endpoint: b.url, model: 'm3' },
  ]);
  assert.deepEqual(outcome.skipped.map((s) => [s.endpoint, s.model]), [[empty.url, null]]);
  assert.match(outcome.skipped[0].reason, /^LM Studio :1234 has no model loaded/);
  const results = await outcome.done;
  assert.deepEqual(results.map((r) => [r.endpoint, r.model]), [[a.url, 'm1'], [a.url, 'm2'], [b.url, 'm3']]);
  assert.deepEqual(askedModels(a), ['m1', 'm2']);
  assert.equal(a.peakConcurrent(), 1);
});

test('an endpoint that did not answer is skipped with a reason naming it; nothing observed says so', async () => {
  const h = harness({ role: 'cli' });
  const none = h.probes.probeNow({});
  assert.equal(none.started.length, 0);
  assert.match(none.skipped[0].reason, /^No model server answered the last reading/);
  const server = await fakeServer();
  h.probes.observe([observed(server)]);
  const unknown = h.probes.probeNow({ endpoint: 'http://127.0.0.1:9', model: 'qwen3:8b' });
  assert.deepEqual(unknown.started, []);
  assert.equal(unknown.skipped.length, 1);
  assert.match(unknown.skipped[0].reason, /^No model server at http:\/\/127\.0\.0\.1:9 answered the last reading/);
  // A trailing slash is the same endpoint.
  assert.equal(h.probes.probeNow({ endpoint: `${server.url}/` }).started.length, 1);
});

test('the same model already running is skipped; another model on that endpoint waits its turn; a scheduled one waiting is joined', async () => {
  const server = await fakeServer({ hostile: 'hang' });
  const h = harness({ timeoutMs: 600_000 });
  h.probes.observe([observed(server, { name: 'Ollama :11434', loadedModels: ['qwen3:8b', 'llama3.1:8b'], intervalMinutes: 30 })]);
  // The schedule started qwen3:8b and queued llama3.1:8b behind it.
  await eventually('the first probe to reach the server', () => server.requests.length === 1);
  const again = h.probes.probeNow({ endpoint: server.url, model: 'qwen3:8b' });
  assert.deepEqual(again.skipped, [{ endpoint: server.url, model: 'qwen3:8b', reason: 'A probe of qwen3:8b is already running on Ollama :11434.' }]);
  const joined = h.probes.probeNow({ endpoint: server.url, model: 'llama3.1:8b' });
  assert.deepEqual(joined.started, [{ endpoint: server.url, model: 'llama3.1:8b' }]);
  assert.equal(server.requests.length, 1, 'it waits: one probe at a time on an endpoint');
  await h.probes.stop();
  const [outcome] = await joined.done;
  assert.ok('reason' in outcome && /stopped before this probe started/.test(outcome.reason), JSON.stringify(outcome));
  assert.equal(server.requests.length, 1);
});
