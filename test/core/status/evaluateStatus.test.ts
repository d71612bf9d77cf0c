import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../../shared/config/settingsSchema';
import type { DockerSnapshot, Stack } from '../../../shared/types/docker';
import type { SystemSnapshot } from '../../../shared/types/system';
import { evaluateStatus } from '../../../electron/core/status/evaluateStatus';
import { checkTransitionEvents } from '../../../electron/core/status/checkTransitions';

const thresholds = defaultSettings().thresholds;
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

function stack(name: string, severity: Stack['severity']): Stack {
  return { name, kind: 'compose', severity, containers: [], counts: { total: 0, running: 0, healthy: 0, unhealthy: 0 } };
}

const docker = (stacks: Stack[]): DockerSnapshot => ({ at: 1, available: true, endpoint: '/var/run/docker.sock', error: null, engineVersion: '27', stacks });

test('all fine is ok, with a line per check the tray can show', () => {
  const status = evaluateStatus({ at: 5, system: system(), docker: docker([]), dockerEnabled: true, thresholds });
  assert.equal(status.overall, 'ok');
  const disk = status.checks.find((c) => c.id === 'disk:/')!;
  assert.equal(disk.label, 'Disk /');
  assert.equal(disk.summary, '410 GB free (18% used)');
  assert.equal(status.checks.find((c) => c.id === 'docker')!.summary, 'No containers');
});

test('disk free below the warning and critical thresholds', () => {
  const low = (freePercent: number) =>
    evaluateStatus({
      at: 5,
      system: system({ disks: [{ mount: '/data', fsType: 'ext4', totalBytes: 100 * GB, freeBytes: freePercent * GB, usedBytes: (100 - freePercent) * GB, usedPercent: 100 - freePercent }] }),
      docker: docker([]),
      dockerEnabled: true,
      thresholds,
    });
  assert.equal(low(14).overall, 'warning');
  assert.equal(low(4).overall, 'critical');
  assert.equal(low(4).checks[0].id, 'disk:/data', 'worst checks come first');
});

test('the worst stack sets the Docker check; Docker down is unknown with its reason', () => {
  const status = evaluateStatus({ at: 5, system: system(), docker: docker([stack('llm', 'ok'), stack('rag', 'critical')]), dockerEnabled: true, thresholds });
  assert.equal(status.overall, 'critical');
  const down = evaluateStatus({
    at: 5,
    system: system(),
    docker: { ...docker([]), available: false, error: 'Docker is not running' },
    dockerEnabled: true,
    thresholds,
  });
  assert.equal(down.overall, 'unknown');
  assert.equal(down.checks.find((c) => c.id === 'docker')!.summary, 'Docker is not running');
  const off = evaluateStatus({ at: 5, system: system(), docker: null, dockerEnabled: false, thresholds });
  assert.equal(off.overall, 'ok');
  assert.equal(off.checks.some((c) => c.id === 'docker'), false);
});

test('a history store that cannot write is a warning', () => {
  const status = evaluateStatus({ at: 5, system: system(), docker: docker([]), dockerEnabled: true, thresholds, storeError: 'Disk full: history is not being saved' });
  assert.equal(status.overall, 'warning');
});

test('severity changes of checks become events; recoveries too', () => {
  const before = evaluateStatus({ at: 1, system: system(), docker: docker([]), dockerEnabled: true, thresholds }).checks;
  const after = evaluateStatus({ at: 2, system: system({ memory: { totalBytes: 64 * GB, usedBytes: 63 * GB, availableBytes: 1 * GB, percent: 98 } }), docker: docker([]), dockerEnabled: true, thresholds }).checks;
  const events = checkTransitionEvents(before, after, 2);
  assert.equal(events.length, 1);
  assert.equal(events[0].kind, 'check.degraded');
  assert.equal(events[0].severity, 'critical');
  assert.equal(checkTransitionEvents(after, before, 3)[0].kind, 'check.recovered');
  assert.deepEqual(checkTransitionEvents(null, after, 2), [], 'no events before there is a previous status');
});

test('checks carry the alert kind that suggests runbooks (disk.free, memory.high, container.unhealthy)', () => {
  const docker: DockerSnapshot = { at: 1, available: true, endpoint: '/var/run/docker.sock', error: null, engineVersion: '27', stacks: [stack('llm', 'critical')] };
  const status = evaluateStatus({ at: 1, system: system(), systemError: null, docker, dockerEnabled: true, thresholds, storeError: null });
  const alerts = Object.fromEntries(status.checks.map((c) => [c.id, c.alert ?? null]));
  assert.deepEqual(alerts, { docker: 'container.unhealthy', cpu: null, memory: 'memory.high', 'disk:/': 'disk.free' });
});
