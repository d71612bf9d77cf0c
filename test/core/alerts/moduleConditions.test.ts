// The modules' alert conditions: one per Docker container that is not fine (subject its name,
// group its stack), disks and memory with their readings (also when fine), GPU memory by GPU.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../../shared/config/settingsSchema';
import type { DockerSnapshot } from '../../../shared/types/docker';
import type { SystemSnapshot } from '../../../shared/types/system';
import { groupIntoStacks } from '../../../electron/core/monitors/docker/dockerChecks';
import { dockerModule } from '../../../electron/core/monitors/docker/dockerModule';
import type { ContainerFacts } from '../../../electron/core/monitors/docker/stackGrouping';
import { gpuModule } from '../../../electron/core/monitors/gpu/gpuModule';
import { modelsModule } from '../../../electron/core/monitors/models/modelsModule';
import { systemModule } from '../../../electron/core/monitors/system/systemModule';
import { noGpuSnapshot, noModelsSnapshot, upModelEndpoint } from '../../support/statusFixtures';

function container(name: string, project: string | null, facts: Partial<ContainerFacts>): ContainerFacts {
  return {
    id: `${name}-id`,
    name,
    project,
    service: null,
    image: 'opsbar-test/busybox:latest',
    state: 'running',
    health: 'none',
    restartCount: 0,
    startedAt: 1,
    exitCode: null,
    cpuPercent: null,
    memoryBytes: null,
    memoryLimitBytes: null,
    ports: [],
    ...facts,
  } as ContainerFacts;
}

test('docker: one condition per container that is not fine, in its stack; the docker check stays one line', () => {
  const settings = defaultSettings();
  const containers = [
    container('demo-api', 'demo', { health: 'unhealthy' }),
    container('demo-web', 'demo', { health: 'healthy' }),
    container('demo-job', 'demo', { state: 'exited', exitCode: 0 }),
    container('demo-worker', 'demo', { state: 'exited', exitCode: 137 }),
    container('lonely', null, { state: 'restarting' }),
    container('ghost', null, { state: 'dead' }),
  ];
  const snapshot: DockerSnapshot = { at: 1, available: true, endpoint: 'unix:///var/run/docker.sock', error: null, engineVersion: '27.0', stacks: groupIntoStacks(containers, 3) };
  const assessment = dockerModule.assess({ snapshot, error: null, enabled: true, settings, at: 1 });
  assert.deepEqual(assessment.checks.map((c) => c.id), ['docker']);
  const conditions = dockerModule.alertConditions!(assessment, settings);
  const rows = conditions.map((c) => [c.kind, c.subject, c.group, c.label, c.severity]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
  assert.deepEqual(rows, [
    ['container.unhealthy', 'demo-api', 'stack:demo', 'demo-api (stack demo)', 'critical'],
    ['container.exited', 'demo-worker', 'stack:demo', 'demo-worker (stack demo)', 'critical'],
    ['container.exited', 'ghost', 'stack:standalone', 'ghost (standalone)', 'critical'],
    ['container.restarting', 'lonely', 'stack:standalone', 'lonely (standalone)', 'critical'],
  ]);
});

test('system: CPU, memory and disks with readings, also when fine; under 2 % free is an emergency', () => {
  const settings = defaultSettings();
  const disk = (mount: string, usedPercent: number) => ({ mount, usedPercent, freeBytes: 1e9, totalBytes: 1e10, usedBytes: 9e9, fsType: 'ext4', device: '/dev/x' });
  const snapshot = {
    at: 1,
    cpu: { percent: 96, cores: 2 },
    memory: { totalBytes: 8e9, usedBytes: 2e9, availableBytes: 6e9, percent: 25 },
    swap: { totalBytes: 0, usedBytes: 0 },
    load: [0.1, 0.1, 0.1],
    disks: [disk('/', 50), disk('/data', 99)],
  } as unknown as SystemSnapshot;
  const assessment = systemModule.assess({ snapshot, error: null, enabled: true, settings, at: 1 });
  const conditions = systemModule.alertConditions!(assessment as never, settings);
  assert.deepEqual(
    conditions.map((c) => [c.kind, c.subject, c.group, c.severity, c.measure?.value]),
    [
      ['cpu.high', 'cpu', null, 'warning', 96],
      ['memory.high', 'memory', null, null, 25],
      ['disk.free', 'disk:/', 'disk:/', null, 50],
      ['disk.free', 'disk:/data', 'disk:/data', 'emergency', 1],
    ],
  );
  assert.equal(conditions[3].measure?.emergency, 2);
});

test('gpu: memory with its reading by GPU (group gpu:<index>), temperature from its check', () => {
  const settings = defaultSettings();
  const device = { index: 1, uuid: null, name: 'L4', vendor: 'nvidia', memoryUsedBytes: 23.5 * 2 ** 30, memoryTotalBytes: 24 * 2 ** 30, utilizationPercent: 90, temperatureC: 91, powerW: null, powerLimitW: null, migMode: null, memoryKind: 'dedicated' } as const;
  const snapshot = noGpuSnapshot(1, { available: true, state: 'ok', devices: [device] });
  const assessment = gpuModule.assess({ snapshot, error: null, enabled: true, settings, at: 1 });
  const conditions = gpuModule.alertConditions!(assessment, settings);
  assert.deepEqual(
    conditions.map((c) => [c.kind, c.subject, c.group, c.severity, c.measure ? Math.round(c.measure.value) : undefined]),
    [
      ['gpu.temperature', 'gpu:1:temperature', 'gpu:1', 'warning', undefined],
      ['gpu.memory', 'gpu:1:memory', 'gpu:1', 'critical', 98],
    ],
  );
});

test('models: a configured endpoint down is model.down (critical) and a slow model model.slow, both in endpoint:<url>', () => {
  const settings = defaultSettings();
  const url = 'http://127.0.0.1:11434';
  const model = { name: 'org/llama3:8b', loaded: true, recentDecode: [3, 4] } as never;
  const snapshot = noModelsSnapshot(1, {
    endpoints: [upModelEndpoint(url, { models: [model] }), upModelEndpoint('http://127.0.0.1:8000', { source: 'configured', up: false, state: 'down', error: 'connection refused' })],
  });
  const assessment = modelsModule.assess({ snapshot, error: null, enabled: true, settings, at: 1 });
  const conditions = modelsModule.alertConditions!(assessment, settings);
  assert.deepEqual(
    conditions.map((c) => [c.kind, c.subject, c.group, c.severity]),
    [
      ['model.slow', `${url}/org/llama3:8b`, `endpoint:${url}`, 'warning'],
      ['model.down', 'http://127.0.0.1:8000', 'endpoint:http://127.0.0.1:8000', 'critical'],
    ],
  );
});
