// The cgroup reader against a real engine: on a local Linux engine it finds every running test
// container and agrees with the Engine API's one-shot stats (same counters, read a moment apart).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { createDockerApi } from '../../../../../electron/core/monitors/docker/dockerApi';
import { resolveDockerEndpoint } from '../../../../../electron/core/monitors/docker/dockerEndpoint';
import { memoryFigures, readCpu } from '../../../../../electron/core/monitors/docker/containerStats';
import { CgroupUsageReader } from '../../../../../electron/core/monitors/docker/usage/cgroupUsageReader';
import { createTestStack, removeTestStacks, requireDocker } from '../../../../support/dockerEngine';

after(() => removeTestStacks());

test('cgroup figures match the Engine API’s for the same containers', { skip: process.platform !== 'linux' }, async (t) => {
  if (!(await requireDocker(t))) return;
  const stack = await createTestStack(`opsbar-cg-${process.pid}`, [
    { name: 'idle' },
    { name: 'busy', command: ['sh', '-c', 'while :; do :; done'] },
    { name: 'cache', command: ['sh', '-c', 'dd if=/dev/zero of=/tmp/f bs=1M count=8 2>/dev/null; sleep 3600'] },
  ]);
  const endpoint = resolveDockerEndpoint({ configured: '', env: process.env, homedir: homedir(), exists: existsSync }).chosen;
  assert.ok(endpoint, 'the engine the tests use has an endpoint Opsbar finds');
  const api = createDockerApi(endpoint);
  const signal = AbortSignal.timeout(30_000);
  const targets = await Promise.all(stack.containers.map(async (c) => ({ id: c.id, pid: (await api.inspectContainer(c.id, signal)).State?.Pid ?? null })));
  const reader = new CgroupUsageReader();

  const before = reader.readAll(targets);
  if (before.size === 0) {
    t.skip('the engine’s containers are not on this kernel (Docker Desktop, a remote engine, rootless without access)');
    return;
  }
  assert.equal(before.size, 3, 'every running container is found through its PID');
  for (const { id } of targets) {
    const raw = await api.containerStats(id, signal);
    const after = reader.readAll([targets.find((x) => x.id === id)!]).get(id)!;
    const apiCpu = readCpu((raw as { cpu_stats?: unknown }).cpu_stats)!;
    const apiMemory = memoryFigures(raw);
    // The same cumulative counter, read before, by dockerd, and after.
    assert.ok(before.get(id)!.cpu.totalUsage <= apiCpu.totalUsage && apiCpu.totalUsage <= after.cpu.totalUsage, `${id} cpu`);
    assert.equal(after.cpu.onlineCpus, apiCpu.onlineCpus);
    assert.equal(after.memoryLimitBytes, apiMemory.memoryLimitBytes);
    const drift = Math.abs(after.memoryBytes - (apiMemory.memoryBytes ?? NaN));
    assert.ok(drift <= 1024 * 1024, `${id} memory: cgroup ${after.memoryBytes}, API ${apiMemory.memoryBytes}`);
  }
});
