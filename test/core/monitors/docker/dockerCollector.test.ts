import { test } from 'node:test';
import { judgeStacks } from '../../../../electron/core/monitors/docker/dockerChecks';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../../electron/core/clock';
import { DockerCollector, type DockerCollectorOptions } from '../../../../electron/core/monitors/docker/dockerCollector';
import { createDockerCollector } from '../../../../electron/core/monitors/docker';
import type { NewOpsEvent } from '../../../../shared/types/events';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import { FakeDockerApi, ManualClock, connRefused, flush } from './fakes';

function collector(api: FakeDockerApi, overrides: Partial<DockerCollectorOptions> = {}) {
  const clock = (overrides.clock as ManualClock | undefined) ?? new ManualClock();
  const c = new DockerCollector({
    endpoint: { configured: '', env: {}, homedir: '/home/ops', exists: (p) => p === '/var/run/docker.sock' },
    intervalMs: 10_000,
    statsConcurrency: 2,
    clock,
    createClient: () => api,
    ...overrides,
  });
  return { c, clock };
}

function web(status = 'Up 2 minutes (healthy)') {
  return {
    Id: 'web1',
    Names: ['/shop-web-1'],
    Image: 'nginx',
    Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' },
    State: 'running',
    Status: status,
  };
}

const webDetails = { RestartCount: 0, State: { Status: 'running', ExitCode: 0, StartedAt: '2026-11-24T00:00:00Z', Health: { Status: 'healthy' } } };

test('no socket anywhere: available false, an actionable error, no client, no throw', async () => {
  let created = 0;
  const c = new DockerCollector({
    endpoint: { configured: '', env: { XDG_RUNTIME_DIR: '/run/user/1000' }, homedir: '/home/ops', exists: () => false },
    intervalMs: 10_000,
    statsConcurrency: 2,
    clock: new ManualClock(),
    createClient: () => {
      created++;
      return new FakeDockerApi();
    },
  });
  const { snapshot, samples } = await c.collect();
  assert.equal(snapshot.available, false);
  assert.deepEqual(snapshot.stacks, []);
  assert.deepEqual(samples, []);
  assert.equal(created, 0);
  assert.match(snapshot.error ?? '', /^Docker is not running: no socket found at \/var\/run\/docker\.sock \(also tried \/home\/ops\/\.docker\/run\/docker\.sock, .*\/run\/user\/1000\/podman\/podman\.sock\)\. Start Docker Desktop, Colima or dockerd, or set docker\.endpoint in the config\.$/);
});

test('engine down, then back: available false with the reason, then true again by itself', async () => {
  const api = new FakeDockerApi();
  api.failWith = connRefused();
  const { c } = collector(api);
  const down = await c.collect();
  assert.equal(down.snapshot.available, false);
  assert.equal(down.snapshot.endpoint, '/var/run/docker.sock');
  assert.match(down.snapshot.error ?? '', /^Docker is not running: no socket answered at \/var\/run\/docker\.sock \(also tried .*\)\. Start Docker Desktop, Colima or dockerd, or set docker\.endpoint in the config\.$/);

  api.failWith = null;
  api.containers = [web()];
  api.details.set('web1', webDetails);
  const up = await c.collect();
  assert.equal(up.snapshot.available, true);
  assert.equal(up.snapshot.error, null);
  assert.equal(up.snapshot.engineVersion, '99.0-fake');
  assert.equal(up.snapshot.stacks[0].name, 'shop');
  assert.equal(up.snapshot.stacks[0].containers[0].health, 'healthy');
  assert.equal(up.snapshot.stacks[0].containers[0].startedAt, Date.parse('2026-11-24T00:00:00Z'));
});

test('a socket that appears later (Docker Desktop started) is picked up', async () => {
  const api = new FakeDockerApi();
  let present = false;
  const { c } = collector(api, { endpoint: { configured: '', env: {}, homedir: '/Users/a', exists: (p) => present && p === '/Users/a/.docker/run/docker.sock' } });
  assert.equal((await c.collect()).snapshot.available, false);
  present = true;
  const { snapshot } = await c.collect();
  assert.equal(snapshot.available, true);
  assert.equal(snapshot.endpoint, '/Users/a/.docker/run/docker.sock');
});

test('permission denied and configured endpoints get their own advice', async () => {
  const api = new FakeDockerApi();
  api.failWith = Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' });
  assert.match((await collector(api).c.collect()).snapshot.error ?? '', /not allowed to use the Docker socket at \/var\/run\/docker\.sock.*docker group/);
  api.failWith = connRefused('/srv/d.sock');
  const { c } = collector(api, { endpoint: { configured: '/srv/d.sock', env: {}, homedir: '/h', exists: () => false } });
  assert.match((await c.collect()).snapshot.error ?? '', /configured endpoint: no socket answered at \/srv\/d\.sock.*fix docker\.endpoint/);
  const bad = collector(api, { endpoint: { configured: 'ssh://me@box', env: {}, homedir: '/h', exists: () => true } }).c;
  assert.match((await bad.collect()).snapshot.error ?? '', /docker\.endpoint "ssh:\/\/me@box" is not usable/);
});

test('inspect runs only for containers that changed or had an event', async () => {
  const api = new FakeDockerApi();
  api.containers = [web()];
  api.details.set('web1', webDetails);
  const { c } = collector(api);
  c.start({ emitEvent: () => {}, requestCollect: () => {} });
  await c.collect();
  assert.equal(api.calls.inspect, 1);
  await c.collect();
  await c.collect();
  assert.equal(api.calls.inspect, 1, 'unchanged: served from the cache');
  api.containers = [web('Up 3 minutes (healthy)')];
  await c.collect();
  assert.equal(api.calls.inspect, 2);
  api.streams[0].write(JSON.stringify({ Type: 'container', Action: 'restart', Actor: { ID: 'web1', Attributes: { name: 'shop-web-1' } } }) + '\n');
  await flush();
  await c.collect();
  assert.equal(api.calls.inspect, 3, 'an event invalidates the entry');
  await c.stop();
});

test('an inspect failure falls back to the list Status text', async () => {
  const api = new FakeDockerApi();
  api.containers = [{ ...web('Exited (2) 3 seconds ago'), State: 'exited' }];
  const { snapshot } = await collector(api).c.collect();
  const container = judgeStacks(snapshot.stacks, 3)[0].containers[0];
  assert.equal(container.exitCode, 2);
  assert.equal(container.severity, 'critical');
});

test('Docker events become OpsEvents and ask for a collect', async () => {
  const api = new FakeDockerApi();
  const { c } = collector(api);
  const events: NewOpsEvent[] = [];
  let requests = 0;
  c.start({ emitEvent: (e) => events.push(e), requestCollect: () => requests++ });
  await flush();
  const msg = { Type: 'container', Action: 'health_status: unhealthy', Actor: { ID: 'web1', Attributes: { name: 'shop-web-1', 'com.docker.compose.project': 'shop' } } };
  api.streams[0].write(JSON.stringify(msg) + '\n' + JSON.stringify({ ...msg, Action: 'exec_start: /bin/false' }) + '\n');
  await flush();
  assert.deepEqual(events.map((e) => [e.kind, e.severity, e.subject, e.attributes.project]), [['container.health_status', 'critical', 'shop-web-1', 'shop']]);
  assert.equal(requests, 1, 'healthcheck exec events do not trigger collects');
  await c.stop();
});

test('stats: one sample per reading, named by stack and container; event-driven collects add none', async () => {
  const api = new FakeDockerApi();
  api.containers = [web(), { Id: 'solo', Names: ['/solo'], Image: 'x', Labels: {}, State: 'running', Status: 'Up 1 hour' }];
  api.details.set('web1', webDetails);
  api.details.set('solo', { RestartCount: 0, State: { Status: 'running' } });
  const reading = (total: number, system: number) => ({
    cpu_stats: { cpu_usage: { total_usage: total }, system_cpu_usage: system, online_cpus: 2 },
    memory_stats: { usage: 1000, stats: { inactive_file: 200 }, limit: 4000 },
  });
  api.stats.set('web1', reading(1e9, 1e12));
  api.stats.set('solo', reading(1e9, 1e12));
  const { c, clock } = collector(api);
  assert.deepEqual((await c.collect()).samples, [], 'first round still running');
  await flush();
  const second = await c.collect();
  assert.deepEqual(second.samples.map((s) => s.series).sort(), ['container.memoryBytes:shop/shop-web-1', 'container.memoryBytes:standalone/solo']);
  assert.equal(second.snapshot.stacks.find((s) => s.name === 'shop')?.containers[0].memoryBytes, 800);
  assert.deepEqual((await c.collect()).samples, [], 'same reading, no new sample');

  clock.advance(10_000);
  api.stats.set('web1', reading(1.5e9, 1.002e12)); // 0.5 s CPU over 1 s on 2 CPUs = 50 %
  await c.collect();
  await flush();
  const fourth = await c.collect();
  const cpu = fourth.samples.find((s) => s.series === 'container.cpuPercent:shop/shop-web-1');
  assert.ok(cpu && Math.abs(cpu.value - 50) < 1e-9);
  assert.equal(fourth.snapshot.stacks.find((s) => s.name === 'shop')?.containers[0].cpuPercent, cpu.value);
  assert.equal(api.calls.stats, 4, 'two rounds of two containers, whatever the number of collects');
});

test('a hung daemon (accepts, never answers) gives available:false within the deadline', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'opsbar-hung-'));
  const socketPath = join(dir, 'docker.sock');
  const sockets: Socket[] = [];
  const server = createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  t.after(() => {
    for (const s of sockets) s.destroy();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const settings = defaultSettings();
  settings.docker.endpoint = socketPath;
  const c = new DockerCollector({
    endpoint: { configured: socketPath, env: {}, homedir: '/h', exists: () => true },
    intervalMs: 10_000,
    statsConcurrency: 1,
    clock: systemClock,
    callTimeoutMs: 300,
  });
  // The 0.3 s deadline fired (its words are in the error), not some later one.
  const { snapshot } = await c.collect();
  assert.equal(snapshot.available, false);
  assert.match(snapshot.error ?? '', /did not answer within 0\.3 s at .*docker\.sock \(listing containers\): the engine looks hung/);
  // The factory wires settings the same way.
  assert.equal(createDockerCollector(settings).id, 'docker');
});
