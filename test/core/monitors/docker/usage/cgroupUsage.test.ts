import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateContainerCgroup, parseMountInfo, parseProcCgroup } from '../../../../../electron/core/monitors/docker/usage/cgroupLocation';
import {
  CgroupUsageReader,
  parseHostCpu,
  parseMemTotal,
  readCgroupFigures,
} from '../../../../../electron/core/monitors/docker/usage/cgroupUsageReader';
import { FakeCgroupHost, ID_A, ID_B, MEM_TOTAL_BYTES, V1_MOUNTINFO, V2_MOUNTINFO, v1MemoryStat } from './cgroupFixtures';

test('mountinfo: cgroup v1 hierarchies with their controllers, the unified one, escaped mount points', () => {
  const mounts = parseMountInfo(V1_MOUNTINFO);
  assert.deepEqual(
    mounts.map((m) => [m.version, m.mountPoint]),
    [[1, '/sys/fs/cgroup/cpu'], [1, '/sys/fs/cgroup/cpuacct'], [1, '/sys/fs/cgroup/memory'], [1, '/sys/fs/cgroup/systemd'], [2, '/sys/fs/cgroup/unified']],
  );
  assert.ok(mounts[2].controllers.includes('memory'));
  const [odd] = parseMountInfo('40 30 0:37 /docker/abc /mnt/cg\\040v2 rw - cgroup2 cgroup2 rw\n');
  assert.deepEqual(odd, { version: 2, controllers: [], root: '/docker/abc', mountPoint: '/mnt/cg v2' });
});

test('/proc/<pid>/cgroup: v1 controller lists and the v2 line', () => {
  assert.deepEqual(parseProcCgroup(`2:cpu,cpuacct:/docker/${ID_A}\n0::/system.slice/docker-${ID_A}.scope\n`), [
    { controllers: ['cpu', 'cpuacct'], path: `/docker/${ID_A}` },
    { controllers: [], path: `/system.slice/docker-${ID_A}.scope` },
  ]);
});

test('locating a container: cgroupfs on v1 (hybrid host), systemd on v2, a joint cpu,cpuacct hierarchy', () => {
  const v1 = locateContainerCgroup(ID_A, `4:memory:/docker/${ID_A}\n2:cpuacct:/docker/${ID_A}\n0::/docker/${ID_A}\n`, parseMountInfo(V1_MOUNTINFO));
  assert.deepEqual(v1, { version: 1, memoryDir: `/sys/fs/cgroup/memory/docker/${ID_A}`, cpuDir: `/sys/fs/cgroup/cpuacct/docker/${ID_A}` });

  const v2 = locateContainerCgroup(ID_A, `0::/system.slice/docker-${ID_A}.scope\n`, parseMountInfo(V2_MOUNTINFO));
  const dir = `/sys/fs/cgroup/system.slice/docker-${ID_A}.scope`;
  assert.deepEqual(v2, { version: 2, memoryDir: dir, cpuDir: dir });

  const ubuntu = parseMountInfo('31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n34 30 0:31 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n');
  const joint = locateContainerCgroup(ID_A, `4:memory:/system.slice/docker-${ID_A}.scope\n3:cpu,cpuacct:/system.slice/docker-${ID_A}.scope\n`, ubuntu);
  assert.equal(joint?.cpuDir, `/sys/fs/cgroup/cpu,cpuacct/system.slice/docker-${ID_A}.scope`);
});

test('files that are not the container’s are refused: another id (reused PID, remote engine), a tree outside the mount', () => {
  assert.equal(locateContainerCgroup(ID_A, `0::/system.slice/docker-${ID_B}.scope\n`, parseMountInfo(V2_MOUNTINFO)), null);
  assert.equal(locateContainerCgroup(ID_A, '0::/user.slice/user-1000.slice/session-2.scope\n', parseMountInfo(V2_MOUNTINFO)), null);
  const nested = parseMountInfo('29 23 0:26 /docker/self /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n');
  assert.equal(locateContainerCgroup(ID_A, `0::/system.slice/docker-${ID_A}.scope\n`, nested), null);
  assert.equal(locateContainerCgroup('../../etc', '0::/../../etc\n', parseMountInfo(V2_MOUNTINFO)), null, 'not a container id');
});

test('figures: memory without inactive page cache, an unlimited container reports the host memory (as dockerd does)', () => {
  const host = { systemUsage: 3e12, onlineCpus: 2, memTotal: MEM_TOTAL_BYTES };
  const v1Files: Record<string, string> = {
    '/m/memory.usage_in_bytes': '892928\n',
    '/m/memory.stat': v1MemoryStat(282624),
    '/m/memory.limit_in_bytes': '9223372036854771712\n',
    '/c/cpuacct.usage': '57180974\n',
  };
  const v1 = readCgroupFigures({ version: 1, memoryDir: '/m', cpuDir: '/c' }, (p) => v1Files[p] ?? null, host);
  assert.deepEqual(v1, { cpu: { totalUsage: 57180974, systemUsage: 3e12, onlineCpus: 2 }, memoryBytes: 892928 - 282624, memoryLimitBytes: MEM_TOTAL_BYTES });

  const v2Files: Record<string, string> = {
    '/s/memory.current': '524288000\n',
    '/s/memory.stat': 'anon 400000000\nfile 120000000\ninactive_file 100000000\n',
    '/s/memory.max': '2147483648\n',
    '/s/cpu.stat': 'usage_usec 5000000\nuser_usec 4000000\nsystem_usec 1000000\n',
  };
  const v2 = readCgroupFigures({ version: 2, memoryDir: '/s', cpuDir: '/s' }, (p) => v2Files[p] ?? null, host);
  assert.deepEqual(v2, { cpu: { totalUsage: 5e9, systemUsage: 3e12, onlineCpus: 2 }, memoryBytes: 424_288_000, memoryLimitBytes: 2_147_483_648 });

  v2Files['/s/memory.max'] = 'max\n';
  assert.equal(readCgroupFigures({ version: 2, memoryDir: '/s', cpuDir: '/s' }, (p) => v2Files[p] ?? null, host)?.memoryLimitBytes, MEM_TOTAL_BYTES);
  delete v2Files['/s/memory.current'];
  assert.equal(readCgroupFigures({ version: 2, memoryDir: '/s', cpuDir: '/s' }, (p) => v2Files[p] ?? null, host), null, 'gone');
});

test('host figures: system CPU time in ns from the first seven /proc/stat fields, online CPUs, MemTotal', () => {
  const stat = 'cpu  131602 774 54295 113592 456 0 725 99 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\ncpu1 1 2 3 4 5 6 7 8 0 0\nintr 5\n';
  assert.deepEqual(parseHostCpu(stat), { systemUsage: (131602 + 774 + 54295 + 113592 + 456 + 725) * 1e7, onlineCpus: 2 });
  assert.equal(parseHostCpu('intr 5\n'), null);
  assert.equal(parseMemTotal('MemTotal:       24683548 kB\n'), MEM_TOTAL_BYTES);
});

test('the reader finds a container once per PID, remembers a miss until the PID changes, and drops a stopped one', () => {
  const host = new FakeCgroupHost(1);
  host.add(ID_A, 4242, { cpuNs: 1e9, usage: 1_000_000, inactiveFile: 200_000, limit: 512 * 1024 * 1024 });
  const reader = new CgroupUsageReader(host.read);

  const first = reader.readAll([{ id: ID_A, pid: 4242 }, { id: ID_B, pid: 999 }, { id: 'c0ffee0c0ffee', pid: null }]);
  assert.deepEqual([...first.keys()], [ID_A]);
  assert.equal(first.get(ID_A)?.memoryBytes, 800_000);
  assert.equal(first.get(ID_A)?.memoryLimitBytes, 512 * 1024 * 1024);
  reader.readAll([{ id: ID_A, pid: 4242 }, { id: ID_B, pid: 999 }]);
  assert.equal(host.readsOf('/4242/cgroup'), 1);
  assert.equal(host.readsOf('/999/cgroup'), 1, 'a miss is remembered for that PID');
  assert.equal(host.readsOf('/self/mountinfo'), 1);

  host.add(ID_B, 1000, { cpuNs: 0, usage: 10, inactiveFile: 0, limit: null });
  assert.ok(reader.readAll([{ id: ID_B, pid: 1000 }]).has(ID_B), 'restarted with a new PID: found');

  host.remove(ID_A);
  assert.equal(reader.readAll([{ id: ID_A, pid: 4242 }]).size, 0);
});

test('cgroup v2 host: the unified hierarchy serves memory and CPU', () => {
  const host = new FakeCgroupHost(2);
  host.add(ID_A, 77, { cpuNs: 2e9, usage: 5_000_000, inactiveFile: 1_000_000, limit: null });
  const reading = new CgroupUsageReader(host.read).readAll([{ id: ID_A, pid: 77 }]).get(ID_A);
  assert.deepEqual(reading, { cpu: { totalUsage: 2e9, systemUsage: host.jiffies * 1e7, onlineCpus: 2 }, memoryBytes: 4_000_000, memoryLimitBytes: MEM_TOTAL_BYTES });
});

test('no cgroup mounts (macOS, a sandbox without /proc): nothing is read, the caller uses the Engine API', () => {
  const reads: string[] = [];
  const reader = new CgroupUsageReader((p) => (reads.push(p), null));
  assert.equal(reader.readAll([{ id: ID_A, pid: 1 }]).size, 0);
  assert.deepEqual(reads, ['/proc/self/mountinfo']);
});
