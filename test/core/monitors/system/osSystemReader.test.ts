import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OsSystemReader } from '../../../../electron/core/monitors/system';
import { statsOf } from './fakes';

const macDeps = {
  platform: 'darwin' as const,
  cpus: () => [{ times: { user: 300, nice: 0, sys: 100, idle: 600, irq: 0 } }, { times: { user: 100, nice: 0, sys: 100, idle: 800, irq: 0 } }],
  totalmem: () => 64 * 1024 ** 3,
  freemem: () => 2 * 1024 ** 3,
  loadavg: () => [2.5, 2, 1.5],
  uptime: () => 86_400,
  statfsSync: () => statsOf(994, 500),
  exists: (p: string) => p === '/System/Volumes/Data' || p === '/Volumes',
  listDirs: () => ['T7', 'Old Backup'],
  // "Old Backup" is a leftover folder on the data volume, not a mount.
  deviceOf: (p: string) => ({ '/': 1, '/System/Volumes/Data': 2, '/Volumes/T7': 7, '/Volumes/Old Backup': 2 })[p] ?? 0,
};

test('OsSystemReader on macOS lists /, the data volume and real volumes only', () => {
  const reader = new OsSystemReader(macDeps);
  assert.deepEqual(reader.listMounts().map((m) => m.mount), ['/', '/System/Volumes/Data', '/Volumes/T7']);
  assert.deepEqual(new OsSystemReader(macDeps, ['/Volumes/T7']).listMounts().map((m) => m.mount), ['/', '/System/Volumes/Data']);
});

test('OsSystemReader turns os numbers into readings (swap unknown: 0)', () => {
  const reader = new OsSystemReader(macDeps);
  assert.deepEqual(reader.readCpuTimes(), { idle: 1400, total: 2000, cores: 2 });
  assert.deepEqual(reader.readMemory(), { totalBytes: 64 * 1024 ** 3, availableBytes: 2 * 1024 ** 3, swapTotalBytes: 0, swapFreeBytes: 0 });
  assert.deepEqual(reader.readLoad(), [2.5, 2, 1.5]);
  assert.equal(reader.readUptime(), 86_400);
  assert.deepEqual(reader.statfs({ source: '/', mount: '/', fsType: 'apfs' }), statsOf(994, 500));
});

test('OsSystemReader elsewhere reports the root only', () => {
  const reader = new OsSystemReader({ ...macDeps, platform: 'freebsd' });
  assert.deepEqual(reader.listMounts(), [{ source: '/', mount: '/', fsType: 'unknown' }]);
});

test('OsSystemReader with the real os module answers on this machine', () => {
  const reader = new OsSystemReader();
  assert.ok(reader.readCpuTimes().total > 0);
  assert.ok(reader.readMemory().totalBytes > 0);
  assert.ok(reader.statfs({ source: '/', mount: '/', fsType: 'unknown' }).blocks > 0);
});
