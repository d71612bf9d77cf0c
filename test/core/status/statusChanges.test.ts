import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyStatusChange } from '../../../shared/status/applyStatusChange';
import type { StatusSnapshot } from '../../../shared/types/status';
import { fullStatusMessage, StatusChanges } from '../../../electron/core/status/statusChanges';
import { noGpuSnapshot, noModelsSnapshot } from '../../support/statusFixtures';

function status(at: number, cpu: number, dockerAt = 1): StatusSnapshot {
  return {
    at,
    overall: 'ok',
    checks: [{ id: 'cpu', label: 'CPU', severity: 'ok', summary: `${cpu}%` }],
    system: { at, hostname: 'h', platform: 'linux', cpu: { percent: cpu, cores: 2 }, memory: { totalBytes: 1, usedBytes: 0, availableBytes: 1, percent: 0 }, swap: { totalBytes: 0, usedBytes: 0 }, load: [0, 0, 0], uptimeSeconds: 1, disks: [] },
    docker: { at: dockerAt, available: true, endpoint: '/var/run/docker.sock', error: null, engineVersion: '27', stacks: [] },
    gpu: noGpuSnapshot(1),
    models: noModelsSnapshot(1),
    http: { at: 1, checks: [] },
  };
}

test('a live message carries only the modules whose snapshot changed', () => {
  const changes = new StatusChanges();
  const first = changes.next(status(1, 10))!;
  assert.deepEqual(Object.keys(first.modules).sort(), ['docker', 'gpu', 'http', 'models', 'system']);
  const second = changes.next(status(2, 20))!;
  assert.deepEqual(Object.keys(second.modules), ['system'], 'docker and gpu did not change');
  assert.equal(second.head.checks[0].summary, '20%');
});

test('a new timestamp alone is not news; a snapshot object seen before is not serialised again', () => {
  const changes = new StatusChanges();
  const s = status(1, 10);
  changes.next(s);
  assert.equal(changes.next({ ...status(5, 10, 9), system: { ...s.system!, at: 5 } }), null);
  let serialised = 0;
  const watched = { ...s, docker: { ...s.docker, toJSON: () => (serialised++, {}) } } as unknown as StatusSnapshot;
  changes.next(watched);
  changes.next({ ...watched, at: 7 });
  assert.equal(serialised, 1);
});

test('the renderer rebuilds the full status from a full message and applies later changes', () => {
  const changes = new StatusChanges();
  const full = fullStatusMessage(status(1, 10));
  const start = applyStatusChange(null, full)!;
  assert.equal(start.system!.cpu.percent, 10);
  changes.next(status(1, 10));
  const later = applyStatusChange(start, changes.next(status(2, 30))!)!;
  assert.equal(later.system!.cpu.percent, 30);
  assert.equal(later.docker, start.docker, 'unchanged modules are kept as they were');
  assert.equal(applyStatusChange(null, changes.next(status(3, 40))!), null, 'a partial message cannot start a status');
  assert.equal(applyStatusChange(later, { ...full, head: { ...full.head, at: 0 } }), later, 'an older message changes nothing');
});

test('a module left out of a message still tells when it was read, so "updated 2 s ago" stays true', () => {
  const changes = new StatusChanges();
  const start = applyStatusChange(null, fullStatusMessage(status(1, 10, 1)))!;
  changes.next(status(1, 10, 1));
  const message = changes.next(status(2, 20, 2))!;
  assert.equal('docker' in message.modules, false);
  assert.equal(message.readAt.docker, 2);
  const later = applyStatusChange(start, message)!;
  assert.equal(later.docker.at, 2);
  assert.deepEqual({ ...later.docker, at: 1 }, start.docker);
});
