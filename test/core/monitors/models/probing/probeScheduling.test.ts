// The schedule (role app): loaded models only, again after the interval, one probe at a time per
// endpoint and two at once in all; a CLI core schedules nothing. Real loopback servers, a TestClock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { probeForKind, type RunProbe } from '../../../../../electron/core/monitors/models/probing/probeForKind';
import { askedModels, fakeServer, harness, observed, storedProbe } from './probingHarness';

const MINUTE = 60_000;

test('never two probes at once on one endpoint: three loaded models are probed one after another', async () => {
  const server = await fakeServer();
  const h = harness();
  h.probes.observe([observed(server, { loadedModels: ['a', 'b', 'c'], availableModels: ['a', 'b', 'c'] })]);
  // All three are due at once; only one has started.
  assert.equal(h.phases('started').length, 1);
  assert.deepEqual(h.probes.scheduleView(server.url, 30).inFlight, { model: 'a', startedAt: h.clock.now() });
  await h.ended(3);
  assert.deepEqual(askedModels(server), ['a', 'b', 'c']);
  assert.equal(server.peakConcurrent(), 1);
  assert.equal(h.phases('finished').length, 3);
  assert.equal(h.probes.scheduleView(server.url, 30).inFlight, null);
});

test('at most two probes at once across endpoints', async () => {
  const servers = await Promise.all([fakeServer(), fakeServer(), fakeServer()]);
  let running = 0;
  let peak = 0;
  const counting: RunProbe = async (kind, request) => {
    peak = Math.max(peak, ++running);
    try {
      return await probeForKind(kind, request);
    } finally {
      running--;
    }
  };
  const h = harness({ runProbe: counting });
  h.probes.observe(servers.map((s) => observed(s)));
  assert.equal(h.phases('started').length, 2);
  await h.ended(3);
  assert.equal(peak, 2);
  for (const server of servers) assert.deepEqual(askedModels(server), ['qwen3:8b']);
});

test('only loaded models are probed on schedule, and each again once its interval has passed', async () => {
  const server = await fakeServer();
  const h = harness();
  const endpoint = observed(server, { intervalMinutes: 30, loadedModels: ['qwen3:8b'], availableModels: ['qwen3:8b', 'qwen3:32b'] });
  h.probes.observe([endpoint]);
  await h.ended(1);
  assert.deepEqual(askedModels(server), ['qwen3:8b']);
  const first = h.probes.modelView(server.url, 'qwen3:8b').last;
  assert.equal(first?.trigger, 'schedule');

  // Passive reads every 15 s until just before the interval: nothing new.
  for (let t = 0; t < 29 * 4; t++) {
    await h.clock.advance(15_000);
    h.probes.observe([endpoint]);
  }
  assert.equal(h.phases('started').length, 1);
  // The timer (no reading needed) starts the next one when the interval has passed.
  await h.clock.advance(MINUTE);
  assert.equal(h.phases('started').length, 2);
  await h.ended(2);
  assert.deepEqual(askedModels(server), ['qwen3:8b', 'qwen3:8b']);
  assert.equal(h.probes.modelView(server.url, 'qwen3:8b').last?.at, first!.at + 30 * MINUTE);
});

test('interval 0 and the cli role schedule nothing; Probe now still works there', async () => {
  const server = await fakeServer();
  const off = harness();
  off.probes.observe([observed(server, { intervalMinutes: 0 })]);
  const cli = harness({ role: 'cli' });
  cli.probes.observe([observed(server)]);
  await off.clock.advance(24 * 60 * MINUTE);
  await cli.clock.advance(24 * 60 * MINUTE);
  assert.equal(off.progress.length + cli.progress.length, 0);
  assert.equal(off.clock.pendingTimers + cli.clock.pendingTimers, 0);
  const outcome = cli.probes.probeNow({});
  assert.deepEqual(outcome.started, [{ endpoint: server.url, model: 'qwen3:8b' }]);
  const [record] = await outcome.done;
  assert.ok('ttftMs' in record, JSON.stringify(record));
  assert.equal(record.trigger, 'operator');
});

test('a stored recent probe keeps its cadence after a restart; a model newly loaded is probed at once', async () => {
  const server = await fakeServer();
  const h = harness();
  h.store.probes.add(storedProbe(server.url, 'qwen3:8b', h.clock.now() - 10 * MINUTE));
  h.probes.observe([observed(server, { loadedModels: ['qwen3:8b'] })]);
  assert.equal(h.phases('started').length, 0, 'probed 10 minutes ago: due in 20');

  await h.clock.advance(15_000);
  h.probes.observe([observed(server, { loadedModels: ['qwen3:8b', 'qwen3:32b'] })]);
  assert.deepEqual(h.phases('started').map((p) => p.model), ['qwen3:32b']);
  await h.ended(1);

  // Unloaded, then loaded again: probed again although its last probe is recent.
  await h.clock.advance(15_000);
  h.probes.observe([observed(server, { loadedModels: ['qwen3:8b'] })]);
  await h.clock.advance(15_000);
  h.probes.observe([observed(server, { loadedModels: ['qwen3:8b', 'qwen3:32b'] })]);
  assert.deepEqual(h.phases('started').map((p) => p.model), ['qwen3:32b', 'qwen3:32b']);
  await h.ended(2);

  await h.clock.advance(20 * MINUTE);
  assert.deepEqual(h.phases('started').map((p) => p.model), ['qwen3:32b', 'qwen3:32b', 'qwen3:8b']);
  await h.ended(3);
});

test('a failed scheduled probe is not retried before the interval', async () => {
  const server = await fakeServer({ hostile: 'html' });
  const h = harness();
  h.probes.observe([observed(server)]);
  await h.ended(1);
  for (let t = 0; t < 4; t++) {
    await h.clock.advance(15_000);
    h.probes.observe([observed(server)]);
  }
  assert.equal(h.phases('started').length, 1);
  await h.clock.advance(30 * MINUTE);
  assert.equal(h.phases('started').length, 2);
  await h.ended(2);
});
