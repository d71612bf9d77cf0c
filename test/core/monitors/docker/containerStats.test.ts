import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ContainerStatsSampler,
  cpuPercentBetween,
  memoryFigures,
  readCpu,
  statsFigures,
} from '../../../../electron/core/monitors/docker/containerStats';
import { FakeDockerApi, ManualClock, flush } from './fakes';

// A one-shot reading from Docker 20.10 on cgroup v1 (trimmed of blkio/network): empty precpu_stats.
const V1_ONE_SHOT = {
  read: '2026-11-24T00:30:25.438616836Z',
  preread: '0001-01-01T00:00:00Z',
  pids_stats: { current: 1 },
  cpu_stats: {
    cpu_usage: { total_usage: 32791682, percpu_usage: [27572179, 5219503], usage_in_kernelmode: 10000000, usage_in_usermode: 10000000 },
    system_cpu_usage: 938410000000,
    online_cpus: 2,
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  },
  precpu_stats: { cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
  memory_stats: {
    usage: 2387968,
    max_usage: 4079616,
    stats: { active_file: 32768, cache: 1957888, inactive_file: 1925120, rss: 49152, total_cache: 1957888, total_inactive_file: 1925120, total_rss: 49152, hierarchical_memory_limit: 9223372036854771712 },
    limit: 25276502016,
  },
  name: '/probe1',
  id: '4475a30a044df3d7a13741ddc7a53226828452f196ec28af9325aa5184ce585c',
};

// cgroup v2 (Docker 24): no percpu_usage, no cache/total_* counters, memory.max as limit.
const V2_ONE_SHOT = {
  read: '2026-11-24T00:31:00.000000000Z',
  cpu_stats: { cpu_usage: { total_usage: 5_000_000_000, usage_in_kernelmode: 1_000_000_000, usage_in_usermode: 4_000_000_000 }, system_cpu_usage: 100_000_000_000_000, online_cpus: 8 },
  precpu_stats: { cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
  memory_stats: { usage: 524_288_000, stats: { anon: 400_000_000, file: 120_000_000, inactive_file: 100_000_000, active_file: 20_000_000 }, limit: 2_147_483_648 },
};

/** Containers without a known PID: the Engine API is their only source. */
const targets = (ids: string[]) => ids.map((id) => ({ id, pid: null }));

function withCpu(raw: typeof V2_ONE_SHOT, totalUsage: number, systemUsage: number) {
  return { ...raw, cpu_stats: { ...raw.cpu_stats, cpu_usage: { ...raw.cpu_stats.cpu_usage, total_usage: totalUsage }, system_cpu_usage: systemUsage } };
}

test('one-shot precpu is empty: no CPU % from a single reading', () => {
  assert.equal(readCpu(V1_ONE_SHOT.precpu_stats), null);
  const { figures, cpu } = statsFigures(V1_ONE_SHOT, null);
  assert.equal(figures.cpuPercent, null);
  assert.deepEqual(cpu, { totalUsage: 32791682, systemUsage: 938410000000, onlineCpus: 2 });
});

test('CPU % from our own previous reading: cpu_delta / system_delta × online_cpus × 100', () => {
  const first = statsFigures(V2_ONE_SHOT, null);
  // 8 CPUs: the system counter advanced 8e9 ns per second of wall time → 1 s passed; 0.5 s of CPU used.
  const second = statsFigures(withCpu(V2_ONE_SHOT, 5_500_000_000, 100_008_000_000_000), first.cpu);
  assert.ok(second.figures.cpuPercent !== null);
  assert.ok(Math.abs(second.figures.cpuPercent - 50) < 1e-9, String(second.figures.cpuPercent));
  assert.equal(cpuPercentBetween({ totalUsage: 10, systemUsage: 100, onlineCpus: 1 }, { totalUsage: 5, systemUsage: 200, onlineCpus: 1 }), null, 'restarted: counters went back');
  assert.equal(cpuPercentBetween({ totalUsage: 10, systemUsage: 100, onlineCpus: 1 }, { totalUsage: 20, systemUsage: 100, onlineCpus: 1 }), null, 'no time passed');
});

test('online_cpus missing: falls back to the per-CPU list length', () => {
  const cpu = readCpu({ cpu_usage: { total_usage: 1, percpu_usage: [1, 0, 0, 0] }, system_cpu_usage: 10 });
  assert.equal(cpu?.onlineCpus, 4);
});

test('a filled precpu (engines that ignore one-shot) is used when there is no previous reading', () => {
  const raw = { ...V2_ONE_SHOT, precpu_stats: { cpu_usage: { total_usage: 4_900_000_000 }, system_cpu_usage: 99_992_000_000_000, online_cpus: 8 } };
  assert.ok(Math.abs((statsFigures(raw, null).figures.cpuPercent ?? NaN) - 10) < 1e-9);
});

test('memory in use subtracts reclaimable page cache: v1 total_inactive_file, v2 inactive_file, else cache', () => {
  assert.deepEqual(memoryFigures(V1_ONE_SHOT), { memoryBytes: 2387968 - 1925120, memoryLimitBytes: 25276502016 });
  assert.deepEqual(memoryFigures(V2_ONE_SHOT), { memoryBytes: 424_288_000, memoryLimitBytes: 2_147_483_648 });
  assert.equal(memoryFigures({ memory_stats: { usage: 1000, stats: { cache: 300 } } }).memoryBytes, 700);
  assert.equal(memoryFigures({ memory_stats: { usage: 1000, stats: { inactive_file: 5000 } } }).memoryBytes, 1000, 'never negative');
  assert.deepEqual(memoryFigures({ memory_stats: {} }), { memoryBytes: null, memoryLimitBytes: null }, 'a stopped container reports nothing');
  assert.equal(memoryFigures({ memory_stats: { usage: 1, limit: 9223372036854771712 } }).memoryLimitBytes, null, 'unlimited');
  assert.deepEqual(memoryFigures(null), { memoryBytes: null, memoryLimitBytes: null });
});

test('API path: the sampler bounds concurrency, runs once per interval, and a failing container only loses its own figures', async () => {
  const clock = new ManualClock();
  const api = new FakeDockerApi();
  const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
  for (const id of ids) api.stats.set(id, V2_ONE_SHOT);
  api.stats.set('c3', Object.assign(new Error('no such container'), { statusCode: 404 }));
  const sampler = new ContainerStatsSampler({ clock, intervalMs: 10_000, concurrency: 3, timeoutMs: 5_000, cgroups: null });

  sampler.sample(api, targets(ids));
  sampler.sample(api, targets(ids)); // already running: ignored
  await sampler.idle();
  assert.equal(api.calls.stats, 10);
  assert.equal(api.maxStatsInFlight, 3);
  assert.equal(sampler.figures('c3'), undefined);
  assert.equal(sampler.figures('c0')?.memoryBytes, 424_288_000);
  assert.equal(sampler.figures('c0')?.cpuPercent, null);
  assert.equal(sampler.takeFresh().size, 9);
  assert.equal(sampler.takeFresh().size, 0);

  clock.advance(5_000);
  sampler.sample(api, targets(ids));
  await sampler.idle();
  assert.equal(api.calls.stats, 10, 'not due yet');

  clock.advance(5_000);
  for (const id of ids) if (id !== 'c3') api.stats.set(id, withCpu(V2_ONE_SHOT, 5_100_000_000, 100_008_000_000_000));
  sampler.sample(api, targets(ids));
  await sampler.idle();
  assert.ok(Math.abs((sampler.figures('c1')?.cpuPercent ?? NaN) - 10) < 1e-9);

  sampler.retain(['c1']);
  assert.equal(sampler.figures('c0'), undefined);
  assert.ok(sampler.figures('c1'));
});

test('a stats call that never answers times out instead of hanging the round', async () => {
  const clock = new ManualClock();
  const api = new FakeDockerApi();
  api.containerStats = () => new Promise(() => {});
  const sampler = new ContainerStatsSampler({ clock, intervalMs: 1_000, concurrency: 2, timeoutMs: 5_000, cgroups: null });
  sampler.sample(api, targets(['a', 'b']));
  await flush();
  clock.advance(5_000);
  await sampler.idle();
  assert.equal(sampler.figures('a'), undefined);
});
