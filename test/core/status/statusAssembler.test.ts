import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings, type Settings } from '../../../shared/config/settingsSchema';
import type { ContainerInfo, DockerSnapshot, Stack } from '../../../shared/types/docker';
import type { GpuSnapshot } from '../../../shared/types/gpu';
import type { SystemSnapshot } from '../../../shared/types/system';
import { builtInModules } from '../../../electron/core/monitors/registry';
import { checkTransitionEvents } from '../../../electron/core/status/checkTransitions';
import { StatusAssembler } from '../../../electron/core/status/statusAssembler';
import { noGpuSnapshot, noModelsSnapshot } from '../../support/statusFixtures';

const GB = 1e9;

function system(overrides: Partial<SystemSnapshot> = {}): SystemSnapshot {
  return {
    at: 1,
    hostname: 'studio',
    platform: 'linux',
    cpu: { percent: 12, cores: 8 },
    memory: { totalBytes: 64 * GB, usedBytes: 16 * GB, availableBytes: 48 * GB, percent: 25 },
    swap: { totalBytes: 0, usedBytes: 0 },
    load: [0.5, 0.4, 0.3],
    uptimeSeconds: 1000,
    disks: [{ mount: '/', fsType: 'ext4', totalBytes: 500 * GB, freeBytes: 410 * GB, usedBytes: 90 * GB, usedPercent: 18 }],
    ...overrides,
  };
}

function container(name: string, overrides: Partial<ContainerInfo> = {}): ContainerInfo {
  return {
    id: `${name}-id`,
    name,
    service: name,
    image: 'busybox',
    state: 'running',
    health: 'none',
    restartCount: 0,
    startedAt: 1,
    exitCode: null,
    cpuPercent: null,
    memoryBytes: null,
    memoryLimitBytes: null,
    ports: [],
    severity: 'unknown',
    ...overrides,
  };
}

function stack(name: string, containers: ContainerInfo[]): Stack {
  return { name, kind: 'compose', severity: 'unknown', containers, counts: { total: containers.length, running: containers.length, healthy: 0, unhealthy: 0 } };
}

const docker = (stacks: Stack[]): DockerSnapshot => ({ at: 1, available: true, endpoint: '/var/run/docker.sock', error: null, engineVersion: '27', stacks });

function assemble(parts: { system?: SystemSnapshot | null; docker?: DockerSnapshot | null; gpu?: GpuSnapshot | null; settings?: Settings; storeError?: string }) {
  const assembler = new StatusAssembler(builtInModules, parts.settings ?? defaultSettings(), () => 5);
  const apply = (id: string, snapshot: unknown) => {
    assembler.applyResult({ collectorId: id, at: 5, output: snapshot === null ? null : { snapshot, samples: [] }, error: snapshot === null ? 'failed' : null });
  };
  apply('system', parts.system === undefined ? system() : parts.system);
  apply('docker', parts.docker === undefined ? docker([]) : parts.docker);
  apply('gpu', parts.gpu === undefined ? noGpuSnapshot() : parts.gpu);
  // A host without model servers: the models module has no check.
  apply('models', noModelsSnapshot(5));
  if (parts.storeError) assembler.setStoreError(parts.storeError);
  return { assembler, status: assembler.refresh() };
}

test('all fine is ok, with a line per check the tray can show', () => {
  const { status } = assemble({});
  assert.equal(status.overall, 'ok');
  const disk = status.checks.find((c) => c.id === 'disk:/')!;
  assert.equal(disk.label, 'Disk /');
  assert.equal(disk.summary, '410 GB free (18% used)');
  assert.equal(status.checks.find((c) => c.id === 'docker')!.summary, 'No containers');
  assert.equal(status.checks.some((c) => c.id.startsWith('gpu')), false, 'no GPU on the host is not a check');
  assert.deepEqual(Object.keys(status).sort(), ['at', 'checks', 'docker', 'gpu', 'http', 'models', 'overall', 'system']);
});

test('disk free below the warning and critical thresholds', () => {
  const low = (freePercent: number) =>
    assemble({
      system: system({ disks: [{ mount: '/data', fsType: 'ext4', totalBytes: 100 * GB, freeBytes: freePercent * GB, usedBytes: (100 - freePercent) * GB, usedPercent: 100 - freePercent }] }),
    }).status;
  assert.equal(low(14).overall, 'warning');
  assert.equal(low(4).overall, 'critical');
  assert.equal(low(4).checks[0].id, 'disk:/data', 'worst checks come first');
});

test('the Docker module judges containers: the worst stack sets the check; Docker down is unknown with its reason', () => {
  const { status } = assemble({ docker: docker([stack('llm', [container('a')]), stack('rag', [container('db', { health: 'unhealthy' })])]) });
  assert.equal(status.overall, 'critical');
  assert.equal(status.docker.stacks[0].name, 'rag', 'worst stack first');
  assert.equal(status.docker.stacks[0].containers[0].severity, 'critical');
  const down = assemble({ docker: { ...docker([]), available: false, error: 'Docker is not running' } }).status;
  assert.equal(down.overall, 'unknown');
  assert.equal(down.checks.find((c) => c.id === 'docker')!.summary, 'Docker is not running');
  const settings = defaultSettings();
  settings.docker.enabled = false;
  const off = assemble({ settings }).status;
  assert.equal(off.overall, 'ok');
  assert.equal(off.checks.some((c) => c.id === 'docker'), false);
  assert.match(off.docker.error ?? '', /docker\.enabled: false/);
});

test('a changed threshold applies at the next evaluation, without a new collection', () => {
  const looping = docker([stack('llm', [container('vllm', { restartCount: 4 })])]);
  const { assembler, status } = assemble({ docker: looping });
  assert.equal(status.docker.stacks[0].containers[0].severity, 'warning');
  const settings = defaultSettings();
  settings.thresholds.restartCountWarning = 10;
  const after = assembler.setSettings(settings);
  assert.equal(after.docker.stacks[0].containers[0].severity, 'ok');
  assert.equal(after.overall, 'ok');
});

test('a history store that cannot write is a warning', () => {
  assert.equal(assemble({ storeError: 'Disk full: history is not being saved' }).status.overall, 'warning');
});

test('severity changes of checks become events with their module as source; Docker records its own', () => {
  const { assembler, status: before } = assemble({});
  const after = assembler.applyResult({
    collectorId: 'system',
    at: 6,
    output: { snapshot: system({ memory: { totalBytes: 64 * GB, usedBytes: 63 * GB, availableBytes: 1 * GB, percent: 98 } }), samples: [] },
    error: null,
  });
  const owner = (id: string) => assembler.ownerOf(id);
  const events = checkTransitionEvents(before.checks, after.checks, 2, owner);
  assert.equal(events.length, 1);
  assert.equal(events[0].kind, 'check.degraded');
  assert.equal(events[0].severity, 'critical');
  assert.equal(events[0].source, 'system');
  assert.equal(checkTransitionEvents(after.checks, before.checks, 3, owner)[0].kind, 'check.recovered');
  assert.deepEqual(checkTransitionEvents(null, after.checks, 2, owner), [], 'no events before there is a previous status');
  const sick = assembler.applyResult({ collectorId: 'docker', at: 7, output: { snapshot: docker([stack('rag', [container('db', { state: 'dead' })])]), samples: [] }, error: null });
  assert.equal(sick.checks.find((c) => c.id === 'docker')!.severity, 'critical');
  assert.equal(checkTransitionEvents(after.checks, sick.checks, 4, owner).filter((e) => e.attributes.check === 'docker').length, 0);
});

test('checks carry the alert kind that suggests runbooks (disk.free, memory.high, container.unhealthy)', () => {
  const { status } = assemble({ docker: docker([stack('llm', [container('x', { state: 'exited', exitCode: 1 })])]) });
  const alerts = Object.fromEntries(status.checks.map((c) => [c.id, c.alert ?? null]));
  assert.deepEqual(alerts, { docker: 'container.unhealthy', cpu: null, memory: 'memory.high', 'disk:/': 'disk.free' });
});

test('a collector that failed before its first snapshot is unknown with its reason', () => {
  const { status } = assemble({ system: null });
  assert.deepEqual(
    status.checks.find((c) => c.id === 'system'),
    { id: 'system', label: 'System', severity: 'unknown', summary: 'failed' },
  );
});
