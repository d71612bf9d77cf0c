import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProcStat } from '../../../../electron/core/monitors/system/cpuTimes';
import { parseMeminfo } from '../../../../electron/core/monitors/system/meminfo';
import {
  isPseudoFs,
  parseMounts,
  selectDiskMounts,
  unescapeMountField,
} from '../../../../electron/core/monitors/system/mounts';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/proc', name), 'utf8');

test('parseProcStat reads the aggregate line of a real /proc/stat and counts cores', () => {
  const text = fixture('stat.real');
  const times = parseProcStat(text);
  const fields = text.split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  assert.equal(times.total, fields.slice(0, 8).reduce((a, b) => a + b, 0));
  assert.equal(times.idle, fields[3] + fields[4]);
  assert.equal(times.cores, text.split('\n').filter((l) => /^cpu\d+ /.test(l)).length);
});

test('parseProcStat leaves guest time out (already in user) and counts steal as busy', () => {
  const times = parseProcStat(fixture('stat.gpu-host'));
  assert.deepEqual(times, { idle: 3699176 + 23060, total: 4705 + 356 + 584 + 3699176 + 23060 + 0 + 277 + 150, cores: 4 });
});

test('parseProcStat accepts old kernels with only four fields and rejects garbage', () => {
  assert.deepEqual(parseProcStat('cpu  10 0 10 80\ncpu0 10 0 10 80\n'), { idle: 80, total: 100, cores: 1 });
  assert.throws(() => parseProcStat('intr 1 2 3\n'), /aggregate "cpu" line/);
  assert.throws(() => parseProcStat('cpu  a b c d\n'), /unreadable/);
});

test('parseMeminfo uses MemAvailable from a real /proc/meminfo', () => {
  const text = fixture('meminfo.real');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)![1]) * 1024;
  const memory = parseMeminfo(text);
  assert.equal(memory.totalBytes, kb('MemTotal'));
  assert.equal(memory.availableBytes, kb('MemAvailable'));
  assert.equal(memory.swapTotalBytes, kb('SwapTotal'));
  assert.equal(memory.swapFreeBytes, kb('SwapFree'));
});

test('parseMeminfo falls back to MemFree + Buffers + Cached on kernels without MemAvailable', () => {
  assert.deepEqual(parseMeminfo(fixture('meminfo.old-kernel')), {
    totalBytes: 8049180 * 1024,
    availableBytes: (1200000 + 100000 + 2000000) * 1024,
    swapTotalBytes: 2097148 * 1024,
    swapFreeBytes: 1048574 * 1024,
  });
  assert.throws(() => parseMeminfo('MemFree: 1 kB\n'), /MemTotal/);
});

test('unescapeMountField decodes the kernel octal escapes', () => {
  assert.equal(unescapeMountField('/mnt/Model\\040Store'), '/mnt/Model Store');
  assert.equal(unescapeMountField('/a\\134b\\011c\\012d'), '/a\\b\tc\nd');
  assert.equal(unescapeMountField('/plain'), '/plain');
});

test('parseMounts reads every line of a real /proc/self/mounts', () => {
  const text = fixture('mounts.real');
  const entries = parseMounts(text);
  assert.equal(entries.length, text.trim().split('\n').length);
  assert.ok(entries.some((e) => e.mount === '/' && e.fsType !== 'rootfs'));
});

test('selectDiskMounts on the real mount table keeps / once and no pseudo file systems', () => {
  const selected = selectDiskMounts(parseMounts(fixture('mounts.real')));
  assert.ok(selected.some((m) => m.mount === '/'));
  assert.ok(selected.every((m) => !isPseudoFs(m.fsType)));
  assert.equal(new Set(selected.map((m) => m.source)).size, selected.length);
});

test('selectDiskMounts on a GPU workstation: pseudo, container, bind and shadowed mounts left out', () => {
  const selected = selectDiskMounts(parseMounts(fixture('mounts.workstation')), ['/boot/efi']);
  const byMount = new Map(selected.map((m) => [m.mount, m]));
  assert.deepEqual([...byMount.keys()].sort(), [
    '/',
    '/data',
    '/media/ops/USB',
    '/mnt/Model Store',
    '/mnt/back\\slash\ttab',
    '/mnt/gpu2',
    '/mnt/nas',
    '/srv/old',
    '/var/lib/docker',
  ].sort());
  // The bind of /data at /home/ops/models is the same device: the shorter path wins.
  assert.equal(byMount.get('/data')?.source, '/dev/nvme1n1');
  // /srv/old was mounted over: the last mount is the one visible.
  assert.equal(byMount.get('/srv/old')?.source, '/dev/sdd1');
  assert.equal(byMount.get('/mnt/gpu2')?.fsType, 'fuse.sshfs');
});

test('isPseudoFs keeps real FUSE disks and drops views', () => {
  for (const fsType of ['tmpfs', 'overlay', 'squashfs', 'cgroup2', 'nsfs', 'fuse.gvfsd-fuse', 'fuse.lxcfs', 'fuse.portal']) {
    assert.equal(isPseudoFs(fsType), true, fsType);
  }
  for (const fsType of ['ext4', 'xfs', 'btrfs', 'zfs', 'nfs4', 'fuseblk', 'fuse.sshfs', 'fuse.mergerfs']) {
    assert.equal(isPseudoFs(fsType), false, fsType);
  }
});
