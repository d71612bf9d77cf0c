// The models collector over real loopback servers of each kind (test/support/fakeModelKinds.ts),
// detection driven by the test clock.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { modelsModule } from '../../../../electron/core/monitors/models/modelsModule';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import type { ModelEndpoint, ModelsSnapshot } from '../../../../shared/types/models';
import { eventually, HANG_GUARD_MS } from '../../../support/eventually';
import { startFakeModelServer } from '../../../support/fakeModelKinds';
import { collectorFor, deadPort, Fakes, modelsSettings, recordingProbes, type ModelsSettings } from './modelsHarness';

const fakes = new Fakes();
after(() => fakes.closeAll());

/** The snapshot as the module shows it (severities and checks judged). */
function assessed(snapshot: ModelsSnapshot, models: ModelsSettings) {
  const settings = { ...defaultSettings(), models };
  return modelsModule.assess({ snapshot, error: null, enabled: true, settings, at: snapshot.at });
}

function byUrl(snapshot: ModelsSnapshot, url: string): ModelEndpoint {
  const found = snapshot.endpoints.find((e) => e.url === url);
  assert.ok(found, `${url} is listed (listed: ${snapshot.endpoints.map((e) => e.url).join(', ')})`);
  return found;
}

describe('models collector', () => {
  it('detects one server of each kind and lists its models, version and latency', async () => {
    const servers = {
      ollama: await fakes.start('ollama', { version: '0.5.7', models: [{ name: 'llama3.1:8b', loaded: true, sizeBytes: 6e9, vramBytes: 5e9 }, { name: 'qwen3:4b', loaded: false }] }),
      llamacpp: await fakes.start('llamacpp', { version: 'b6000-abc', models: [{ name: 'gemma-3-4b.gguf', loaded: true }] }),
      lmstudio: await fakes.start('lmstudio', { models: [{ name: 'qwen2.5-7b-instruct', loaded: true }, { name: 'phi-4', loaded: false }] }),
      vllm: await fakes.start('vllm', { version: '0.6.3', models: [{ name: 'meta-llama/Llama-3.1-8B-Instruct', loaded: true }] }),
      mlx: await fakes.start('mlx', { models: [{ name: 'mlx-community/Llama-3.2-3B-Instruct-4bit', loaded: false }] }),
    };
    const settings = modelsSettings({ detectPorts: Object.values(servers).map((s) => s.port) });
    const { collector } = collectorFor({ settings });
    const { snapshot, samples } = await collector.collect();
    assert.equal(snapshot.endpoints.length, 5);
    for (const [kind, server] of Object.entries(servers)) {
      const endpoint = byUrl(snapshot, server.url);
      assert.equal(endpoint.kind, kind);
      assert.equal(endpoint.state, 'up', endpoint.error ?? '');
      assert.equal(endpoint.source, 'autodetected');
      assert.equal(typeof endpoint.latencyMs, 'number');
      assert.ok(samples.some((s) => s.series === `model.latencyMs:${server.url}`), `latency sample of ${kind}`);
    }
    const ollama = byUrl(snapshot, servers.ollama.url);
    assert.equal(ollama.name, `Ollama :${servers.ollama.port}`);
    assert.equal(ollama.version, '0.5.7');
    assert.deepEqual(
      ollama.models.map((m) => [m.name, m.loaded, m.sizeBytes, m.vramBytes, m.targetTokensPerSecond]),
      [
        ['llama3.1:8b', true, 6e9, 5e9, 30],
        ['qwen3:4b', false, 1, null, 30],
      ],
    );
    assert.equal(byUrl(snapshot, servers.vllm.url).version, '0.6.3');
    assert.deepEqual(byUrl(snapshot, servers.llamacpp.url).slots, { busy: 0, idle: 2 });
    assert.deepEqual(byUrl(snapshot, servers.lmstudio.url).models.map((m) => [m.name, m.loaded]), [['qwen2.5-7b-instruct', true], ['phi-4', false]]);
    assert.deepEqual(byUrl(snapshot, servers.mlx.url).models.map((m) => m.name), ['default_model', 'mlx-community/Llama-3.2-3B-Instruct-4bit']);
  });

  it('a configured endpoint that is down is listed as down and critical; a port that never answered is not listed', async () => {
    const configuredPort = await deadPort();
    const unknownKindPort = await deadPort();
    const neverPort = await deadPort();
    const settings = modelsSettings({
      endpoints: [{ url: `http://127.0.0.1:${configuredPort}`, kind: 'ollama', name: 'Workstation Ollama' }, { url: `http://127.0.0.1:${unknownKindPort}/` }],
      detectPorts: [neverPort],
    });
    const { collector } = collectorFor({ settings });
    const { snapshot: collected } = await collector.collect();
    const { snapshot, checks } = assessed(collected, settings);
    assert.deepEqual(
      snapshot.endpoints.map((e) => [e.name, e.source, e.state, e.up, e.severity]),
      [
        ['Workstation Ollama', 'configured', 'down', false, 'critical'],
        [`Model server :${unknownKindPort}`, 'configured', 'down', false, 'critical'],
      ],
    );
    // Off, not "not a model server": the reason says nothing listens, also when the kind is unknown.
    for (const endpoint of snapshot.endpoints) assert.match(endpoint.error ?? '', /refused the connection/, endpoint.name);
    const down = checks.find((c) => c.id === `model.down:http://127.0.0.1:${configuredPort}`);
    assert.equal(down?.severity, 'critical');
    assert.equal(down?.alert, 'model.down');
    assert.match(down?.summary ?? '', /^Workstation Ollama does not answer: .*refused the connection.* \(configured endpoint\)$/);
  });

  it('an autodetected endpoint that vanishes is gone (warning) with when it was last seen, and up again when it comes back', async () => {
    const server = await startFakeModelServer('ollama');
    const settings = modelsSettings({ detectPorts: [server.port] });
    const { collector, clock } = collectorFor({ settings });
    const first = await collector.collect();
    assert.equal(byUrl(first.snapshot, server.url).state, 'up');
    const seenAt = clock.now();
    await server.close();
    await clock.advance(settings.intervalMs);
    const { snapshot, checks } = assessed((await collector.collect()).snapshot, settings);
    const gone = byUrl(snapshot, server.url);
    assert.deepEqual([gone.state, gone.up, gone.severity, gone.lastSeenAt], ['gone', false, 'warning', seenAt]);
    assert.equal(checks.find((c) => c.id === `model.down:${server.url}`)?.severity, 'warning');

    const back = await fakes.start('ollama', { port: server.port });
    await clock.advance(settings.intervalMs);
    assert.equal(byUrl((await collector.collect()).snapshot, back.url).state, 'up');
  });

  it('a configured endpoint of unknown kind that comes up is identified in the background, then read', async () => {
    const port = await deadPort();
    const settings = modelsSettings({ endpoints: [{ url: `http://127.0.0.1:${port}` }] });
    const { collector, clock } = collectorFor({ settings });
    let requested = 0;
    collector.start({ emitEvent: () => undefined, requestCollect: () => requested++ });
    assert.equal((await collector.collect()).snapshot.endpoints[0].state, 'down');
    const server = await fakes.start('lmstudio', { port });
    await clock.advance(settings.intervalMs);
    await collector.collect(); // starts the identification, does not wait for it
    await eventually('a fresh read to be asked for', () => requested > 0);
    const endpoint = (await collector.collect()).snapshot.endpoints[0];
    assert.deepEqual([endpoint.url, endpoint.kind, endpoint.state], [server.url, 'lmstudio', 'up']);
    collector.stop();
  });

  it('detection runs at the first collect and then only every detectIntervalMs', async () => {
    const later = await fakes.start('vllm');
    later.hostile('html'); // not a model server yet
    const settings = modelsSettings({ detectPorts: [later.port], detectIntervalMs: 60_000 });
    const { collector, clock } = collectorFor({ settings });
    const first = await collector.collect();
    assert.deepEqual(first.snapshot.endpoints, []);
    assert.equal(first.snapshot.nextDetectionAt, clock.now() + 60_000);
    later.hostile(null);
    await clock.advance(30_000);
    assert.deepEqual((await collector.collect()).snapshot.endpoints, [], 'no detection before the interval');
    await clock.advance(30_000);
    assert.equal(byUrl((await collector.collect()).snapshot, later.url).state, 'up');
  });

  it('a hanging server does not hold up a healthy one: both are read at once', async () => {
    const hanging = await fakes.start('ollama'); // closed below, and again (harmlessly) after the file if the test fails first
    const healthy = await fakes.start('ollama');
    const settings = modelsSettings({
      endpoints: [
        { url: hanging.url, kind: 'ollama' },
        { url: healthy.url, kind: 'ollama' },
      ],
    });
    // The hanging GET outlives the wait below: only reads in parallel let the healthy one through.
    const { collector, clock } = collectorFor({ settings, deadlineMs: 3 * HANG_GUARD_MS });
    await collector.collect(); // detection, with both answering
    hanging.hostile('hang');
    await clock.advance(settings.intervalMs);
    const readsBefore = healthy.requests.length;
    const collecting = collector.collect();
    // The healthy server is read while the hanging one still holds its request open.
    await eventually('the healthy server to be read', () => healthy.requests.slice(readsBefore).includes('/api/ps'));
    await hanging.close(); // its read ends (its own deadline would end it too, later)
    const { snapshot } = await collecting;
    assert.equal(byUrl(snapshot, healthy.url).state, 'up');
    assert.equal(byUrl(snapshot, hanging.url).state, 'down');
  });

  it('tokens/s from the server counters between two collects, and none across a reset', async () => {
    const vllm = await fakes.start('vllm');
    const settings = modelsSettings({ endpoints: [{ url: vllm.url }] });
    const { collector, clock } = collectorFor({ settings });
    vllm.setCounters({ generation: 1000, prompt: 100, running: 2 });
    const first = await collector.collect();
    assert.deepEqual(byUrl(first.snapshot, vllm.url).rates, { generationTokensPerSecond: null, promptTokensPerSecond: null, requestsRunning: 2 });
    vllm.setCounters({ generation: 1450, prompt: 250, running: 1 });
    await clock.advance(15_000);
    const second = await collector.collect();
    assert.deepEqual(byUrl(second.snapshot, vllm.url).rates, { generationTokensPerSecond: 30, promptTokensPerSecond: 10, requestsRunning: 1 });
    assert.deepEqual(
      second.samples.filter((s) => s.series.startsWith('model.generationTokensPerSecond:')).map((s) => [s.series, s.value]),
      [[`model.generationTokensPerSecond:${vllm.url}`, 30]],
    );
    vllm.setCounters({ generation: 20, prompt: 5 }); // the server restarted
    await clock.advance(15_000);
    const third = await collector.collect();
    assert.equal(byUrl(third.snapshot, vllm.url).rates?.generationTokensPerSecond, null);
    assert.equal(third.samples.filter((s) => s.series.startsWith('model.generationTokensPerSecond:')).length, 0, 'a rate not reported writes no sample');
  });

  it('an endpoint on a port a running container publishes carries the container, found as soon as the port appears', async () => {
    const server = await fakes.start('ollama');
    const settings = modelsSettings({ autodetect: true });
    const docker = {
      at: 1,
      available: true,
      endpoint: '/var/run/docker.sock',
      error: null,
      engineVersion: '27.0',
      stacks: [
        {
          name: 'llm',
          kind: 'compose' as const,
          severity: 'ok' as const,
          counts: { total: 1, running: 1, healthy: 0, unhealthy: 0 },
          containers: [
            {
              id: 'abc',
              name: 'llm-ollama-1',
              service: 'ollama',
              image: 'ollama/ollama',
              state: 'running' as const,
              health: 'none' as const,
              restartCount: 0,
              startedAt: 1,
              exitCode: null,
              cpuPercent: null,
              memoryBytes: null,
              memoryLimitBytes: null,
              ports: [{ hostIp: '0.0.0.0', hostPort: server.port, containerPort: 11434, protocol: 'tcp' }],
              severity: 'ok' as const,
            },
          ],
        },
      ],
    };
    // The Docker module's first snapshot comes after this module's first collect.
    const { collector, clock, peers } = collectorFor({ settings, docker: null });
    assert.deepEqual((await collector.collect()).snapshot.endpoints, []);
    peers.docker = docker;
    await clock.advance(settings.intervalMs); // well before the next detection is due
    const { snapshot } = await collector.collect();
    const endpoint = byUrl(snapshot, server.url);
    assert.deepEqual([endpoint.state, endpoint.container], ['up', { name: 'llm-ollama-1', stack: 'llm' }]);
  });

  it('a loaded model gets the GPU memory of the process listening on its port', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    // The fake runs in this test process, so this process is the "server process" /proc finds.
    const server = await fakes.start('ollama', { models: [{ name: 'qwen3:8b', loaded: true }, { name: 'phi4', loaded: false }] });
    const settings = modelsSettings({ endpoints: [{ url: server.url }] });
    const process0 = { pid: process.pid, name: 'ollama', gpuIndex: 0, gpuUuid: null, memoryBytes: 6e9, container: null, user: 'root', startedAt: null };
    const gpu = { at: 1, available: true, state: 'ok' as const, error: null, source: 'nvidia-smi' as const, driverVersion: '550', devices: [], processes: [process0], processesNote: null, memoryPressure: null };
    const { collector } = collectorFor({ settings, gpu });
    const { snapshot } = await collector.collect();
    assert.deepEqual(
      byUrl(snapshot, server.url).models.map((m) => [m.name, m.gpus]),
      [
        ['qwen3:8b', [{ gpuIndex: 0, memoryBytes: 6e9, pid: process.pid }]],
        ['phi4', []],
      ],
    );
  });

  it('hands what answered to the probe service, shows its views, and collects again when it changes', async () => {
    const server = await fakes.start('ollama', { apiKey: 'sekrit-key', models: [{ name: 'qwen3:8b', loaded: true }, { name: 'phi4', loaded: false }] });
    process.env.OPSBAR_TEST_MODEL_KEY = 'sekrit-key';
    const settings = modelsSettings({ endpoints: [{ url: server.url, name: 'Box', apiKeyEnv: 'OPSBAR_TEST_MODEL_KEY', probe: 10 }] });
    const probes = recordingProbes({ [`${server.url}/qwen3:8b`]: { last: null, recentDecode: [41, 40, 39] } });
    const { collector } = collectorFor({ settings, probes: probes.service, env: process.env });
    let requested = 0;
    collector.start({ emitEvent: () => undefined, requestCollect: () => requested++ });
    const { snapshot } = await collector.collect();
    assert.deepEqual(probes.observed.at(-1), [
      { url: server.url, name: 'Box', kind: 'ollama', apiKey: 'sekrit-key', intervalMinutes: 10, loadedModels: ['qwen3:8b'], availableModels: ['qwen3:8b', 'phi4'] },
    ]);
    assert.deepEqual(byUrl(snapshot, server.url).models[0].recentDecode, [41, 40]);
    assert.equal(byUrl(snapshot, server.url).probe.intervalMinutes, 10);
    assert.ok(!JSON.stringify(snapshot).includes('sekrit-key'), 'the API key is never in the snapshot');
    probes.listeners.forEach((listener) => listener());
    assert.equal(requested, 1);
    collector.stop();
    assert.equal(probes.listeners.length, 0, 'stop unsubscribes');
    delete process.env.OPSBAR_TEST_MODEL_KEY;
  });
});
