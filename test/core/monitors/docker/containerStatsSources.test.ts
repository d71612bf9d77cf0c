// Where the stats sampler gets its figures: cgroup files when the engine runs on this kernel,
// the Engine API for the rest; how it sizes API rounds, and how it stops without waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerStatsSampler, MIN_CPU_GAP_MS } from '../../../../electron/core/monitors/docker/containerStats';
import { CgroupUsageReader } from '../../../../electron/core/monitors/docker/usage/cgroupUsageReader';
import { FakeDockerApi, ManualClock, flush } from './fakes';
import { FakeCgroupHost, ID_A, ID_B } from './usage/cgroupFixtures';

const ONE_SHOT = {
  cpu_stats: { cpu_usage: { total_usage: 1e9 }, system_cpu_usage: 1e12, online_cpus: 2 },
  memory_stats: { usage: 1000, stats: { inactive_file: 200 }, limit: 4000 },
};

function setup(intervalMs = 10_000, concurrency = 4) {
  const clock = new ManualClock();
  const api = new FakeDockerApi();
  const host = new FakeCgroupHost(1);
  const sampler = new ContainerStatsSampler({ clock, intervalMs, concurrency, timeoutMs: 5_000, cgroups: new CgroupUsageReader(host.read) });
  return { clock, api, host, sampler };
}

test('cgroup files: figures at once, CPU % on a call ≥ MIN_CPU_GAP_MS later (the CLI’s second collect), no API call', () => {
  const { clock, api, host, sampler } = setup();
  host.add(ID_A, 4242, { cpuNs: 1e9, usage: 1_000_000, inactiveFile: 200_000, limit: null });
  const targets = [{ id: ID_A, pid: 4242 }];

  sampler.sample(api, targets);
  assert.deepEqual({ ...sampler.figures(ID_A), readAt: 0 }, { cpuPercent: null, memoryBytes: 800_000, memoryLimitBytes: 24683548 * 1024, readAt: 0 });
  assert.deepEqual([...sampler.takeFresh()], [ID_A]);

  clock.advance(MIN_CPU_GAP_MS / 2);
  sampler.sample(api, targets);
  assert.equal(sampler.takeFresh().size, 0, 'too soon for a meaningful CPU %: not read again');

  clock.advance(250);
  host.advanceSeconds(0.25);
  host.update(ID_A, { cpuNs: 1e9 + 125_000_000 }); // 0.125 s of CPU in 0.25 s = half a core
  sampler.sample(api, targets);
  assert.ok(Math.abs((sampler.figures(ID_A)?.cpuPercent ?? NaN) - 50) < 1e-6, String(sampler.figures(ID_A)?.cpuPercent));
  assert.equal(sampler.takeFresh().size, 1);

  clock.advance(1_000);
  sampler.sample(api, targets);
  assert.equal(sampler.takeFresh().size, 0, 'has a CPU %: next reading one interval later');
  clock.advance(10_000);
  sampler.sample(api, targets);
  assert.equal(sampler.takeFresh().size, 1);
  assert.equal(api.calls.stats, 0);
});

test('containers the cgroup files cannot serve (no PID, another machine’s PID) go to the Engine API', async () => {
  const { api, host, sampler } = setup();
  host.add(ID_A, 4242, { cpuNs: 1e9, usage: 1_000_000, inactiveFile: 0, limit: null });
  api.stats.set(ID_B, ONE_SHOT);
  api.stats.set('c0ffee0c0ffee', ONE_SHOT);
  sampler.sample(api, [{ id: ID_A, pid: 4242 }, { id: ID_B, pid: 31337 }, { id: 'c0ffee0c0ffee', pid: null }]);
  await sampler.idle();
  assert.equal(api.calls.stats, 2);
  assert.equal(sampler.figures(ID_A)?.memoryBytes, 1_000_000);
  assert.equal(sampler.figures(ID_B)?.memoryBytes, 800);
  assert.equal(sampler.figures('c0ffee0c0ffee')?.memoryBytes, 800);
});

test('API rounds are sized to fit in half an interval: 100 containers at 10 s take 24 requests at once, never more than 32', async () => {
  const { api, sampler } = setup(10_000, 4);
  const targets = Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, pid: null }));
  sampler.sample(api, targets);
  await sampler.idle();
  assert.equal(api.calls.stats, 100);
  assert.equal(api.maxStatsInFlight, 24);

  const few = setup(10_000, 4);
  few.sampler.sample(few.api, targets.slice(0, 10));
  await few.sampler.idle();
  assert.equal(few.api.maxStatsInFlight, 4, 'the configured concurrency when it suffices');

  const fast = setup(1_000, 4);
  fast.sampler.sample(fast.api, targets);
  await fast.sampler.idle();
  assert.equal(fast.api.maxStatsInFlight, 32);
});

test('abort() ends a round of stats calls that never answer at once, without waiting for their deadline', async () => {
  const { api, sampler } = setup();
  let started = 0;
  const neverAnswers = (_id: string, signal: AbortSignal) => {
    started++;
    return new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
  };
  api.containerStats = neverAnswers as unknown as FakeDockerApi['containerStats'];
  sampler.sample(api, Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, pid: null })));
  await flush();
  assert.equal(started, 4);
  sampler.abort();
  await sampler.idle(); // the ManualClock never advances: only the abort can end the round
  assert.equal(started, 4, 'no request is started after the abort');
  assert.equal(sampler.figures('c0'), undefined);
});
