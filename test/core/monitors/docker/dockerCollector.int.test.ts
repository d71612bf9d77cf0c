// The Docker collector against a real engine: states, health, exit codes, restart loops,
// hostile labels, stats, events, and how fast an event reaches a snapshot.
import { judgeStacks } from '../../../../electron/core/monitors/docker/dockerChecks';
import { HANG_GUARD_MS } from '../../../support/eventually';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createDockerCollector, type DockerCollector } from '../../../../electron/core/monitors/docker';
import type { Sample } from '../../../../electron/core/monitors/collector';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import type { ContainerInfo, DockerSnapshot, Stack } from '../../../../shared/types/docker';
import type { NewOpsEvent } from '../../../../shared/types/events';
import { createTestStack, dockerAvailable, removeTestStacks, requireDocker, type TestStack } from '../../../support/dockerEngine';

const HOSTILE_PROJECT = '$(touch /tmp/x)';
const HOSTILE_SERVICE = '<img src=x onerror=alert(1)>';
const P = `opsbar-it-${process.pid}`;
const healthcheck = (cmd: string[]) => ({ test: ['CMD', ...cmd], intervalMs: 1_000, retries: 1 });

/** Resolves on the collector's requestCollect; one that came while nobody waited is kept. */
class CollectRequests {
  private pending = false;
  private waiter: (() => void) | null = null;
  fire(): void {
    this.pending = true;
    this.waiter?.();
  }
  next(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiter = () => {
        this.pending = false;
        this.waiter = null;
        done();
      };
    });
  }
}

let collector: DockerCollector;
const requests = new CollectRequests();
const events: (NewOpsEvent & { receivedAt: number })[] = [];
const samples: Sample[] = [];
const stacks: Record<string, TestStack> = {};
const tmpXExisted = existsSync('/tmp/x');

/**
 * Collects until `predicate` holds, waking on the collector's requestCollect (Docker events);
 * `pollMs` adds a bounded wait for state no event announces (stats rounds). Fails at the deadline.
 */
async function snapshotWhere(predicate: (s: DockerSnapshot) => boolean, deadlineMs: number, pollMs?: number): Promise<DockerSnapshot> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const out = await collector.collect();
    samples.push(...out.samples);
    // Severity is the Docker module's judgement, as the status pipeline makes it.
    const judged: DockerSnapshot = { ...out.snapshot, stacks: judgeStacks(out.snapshot.stacks, defaultSettings().thresholds.restartCountWarning) };
    if (predicate(judged)) return judged;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no matching snapshot within ${deadlineMs} ms; last: ${JSON.stringify(out.snapshot).slice(0, 3000)}`);
    await requests.next(Math.min(left, pollMs ?? left));
  }
}

async function eventWhere(predicate: (e: NewOpsEvent) => boolean, deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const found = events.find(predicate);
    if (found) return found;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no matching event within ${deadlineMs} ms; got: ${events.map((e) => `${e.kind}:${e.subject}`).join(', ')}`);
    await requests.next(left);
  }
}

function stackOf(s: DockerSnapshot, name: string): Stack | undefined {
  return s.stacks.find((st) => st.name === name && st.kind === 'compose');
}

function containerOf(s: DockerSnapshot, project: string, service: string): ContainerInfo | undefined {
  const id = stacks[project]?.get(service).id;
  return stackOf(s, project)?.containers.find((c) => c.id === id);
}

before(async () => {
  if (!(await dockerAvailable())) return;
  await removeTestStacks();
  const settings = defaultSettings();
  settings.monitoring.dockerIntervalMs = 1_000;
  settings.thresholds.restartCountWarning = 3;
  collector = createDockerCollector(settings);
  collector.start({ emitEvent: (e) => events.push({ ...e, receivedAt: Date.now() }), requestCollect: () => requests.fire() });
  // All stacks at once, so their health checks and restart loops progress in parallel.
  const created = await Promise.all([
    createTestStack(`${P}-healthy`, [{ name: 'web', healthcheck: healthcheck(['/bin/true']) }, { name: 'worker' }]),
    createTestStack(`${P}-unhealthy`, [{ name: 'api', healthcheck: healthcheck(['/bin/false']) }]),
    createTestStack(`${P}-exited`, [{ name: 'job', command: ['sh', '-c', 'exit 2'] }, { name: 'once', command: ['sh', '-c', 'exit 0'] }]),
    createTestStack(`${P}-loop`, [{ name: 'crash', command: ['sh', '-c', 'exit 3'], restart: 'always' }]),
    createTestStack(HOSTILE_PROJECT, [{ name: HOSTILE_SERVICE }]),
    createTestStack(`${P}-flip`, [{ name: 'svc', command: ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'], healthcheck: healthcheck(['/bin/test', '-f', '/tmp/ok']) }]),
  ]);
  for (const stack of created) stacks[stack.project] = stack;
});

after(async () => {
  await collector?.stop();
  await removeTestStacks();
});

test('healthy, unhealthy, exited and restart-looping stacks: state, health, exit code, restarts, severity', async (t) => {
  if (!(await requireDocker(t))) return;
  const s = await snapshotWhere(
    (s) =>
      containerOf(s, `${P}-healthy`, 'web')?.health === 'healthy' &&
      containerOf(s, `${P}-unhealthy`, 'api')?.health === 'unhealthy' &&
      containerOf(s, `${P}-exited`, 'job')?.state === 'exited' &&
      containerOf(s, `${P}-exited`, 'once')?.state === 'exited' &&
      (containerOf(s, `${P}-loop`, 'crash')?.restartCount ?? 0) >= 3,
    3 * HANG_GUARD_MS,
  );
  assert.equal(s.available, true);
  assert.equal(s.error, null);
  assert.match(s.engineVersion ?? '', /\d+\.\d+/);

  const healthy = stackOf(s, `${P}-healthy`)!;
  assert.equal(healthy.severity, 'ok');
  assert.deepEqual(healthy.counts, { total: 2, running: 2, healthy: 1, unhealthy: 0 });
  const web = containerOf(s, `${P}-healthy`, 'web')!;
  assert.equal(web.state, 'running');
  assert.equal(web.service, 'web');
  assert.equal(web.image, 'opsbar-test/busybox:latest');
  assert.equal(web.exitCode, null);
  assert.ok(web.startedAt && Math.abs(web.startedAt - Date.now()) < 120_000);
  assert.equal(containerOf(s, `${P}-healthy`, 'worker')?.health, 'none');

  const unhealthy = stackOf(s, `${P}-unhealthy`)!;
  assert.equal(unhealthy.severity, 'critical');
  assert.equal(unhealthy.counts.unhealthy, 1);

  const job = containerOf(s, `${P}-exited`, 'job')!;
  assert.equal(job.exitCode, 2);
  assert.equal(job.severity, 'critical');
  const once = containerOf(s, `${P}-exited`, 'once')!;
  assert.equal(once.exitCode, 0);
  assert.equal(once.severity, 'ok', 'a finished one-shot job is fine');
  assert.equal(stackOf(s, `${P}-exited`)?.severity, 'critical');

  const crash = containerOf(s, `${P}-loop`, 'crash')!;
  assert.ok(['restarting', 'running', 'exited'].includes(crash.state), crash.state);
  assert.notEqual(crash.severity, 'ok');
  assert.notEqual(stackOf(s, `${P}-loop`)?.severity, 'ok');
  if (crash.state !== 'running') assert.equal(crash.exitCode, 3);

  // Worst first.
  const ranks = s.stacks.map((st) => ['ok', 'unknown', 'warning', 'critical'].indexOf(st.severity));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a));
});

test('hostile project and service labels arrive verbatim and nothing runs them', async (t) => {
  if (!(await requireDocker(t))) return;
  const s = await snapshotWhere((s) => containerOf(s, HOSTILE_PROJECT, HOSTILE_SERVICE)?.state === 'running', HANG_GUARD_MS);
  const stack = stackOf(s, HOSTILE_PROJECT)!;
  assert.equal(stack.name, HOSTILE_PROJECT);
  assert.equal(containerOf(s, HOSTILE_PROJECT, HOSTILE_SERVICE)?.service, HOSTILE_SERVICE);
  const start = await eventWhere((e) => e.kind === 'container.start' && e.attributes.project === HOSTILE_PROJECT, HANG_GUARD_MS);
  assert.equal(start.attributes.service, HOSTILE_SERVICE);
  if (!tmpXExisted) assert.equal(existsSync('/tmp/x'), false, 'the $(…) in a label was executed');
});

test('stats: CPU % and memory appear for running containers, and become samples', async (t) => {
  if (!(await requireDocker(t))) return;
  const s = await snapshotWhere((s) => {
    const web = containerOf(s, `${P}-healthy`, 'web');
    return web?.cpuPercent != null && web.memoryBytes != null;
  }, HANG_GUARD_MS, 250);
  const web = containerOf(s, `${P}-healthy`, 'web')!;
  assert.ok(web.cpuPercent! >= 0 && web.cpuPercent! < 400, String(web.cpuPercent));
  assert.ok(web.memoryBytes! > 0 && web.memoryBytes! < 512 * 1024 * 1024, String(web.memoryBytes));
  assert.ok(web.memoryLimitBytes === null || web.memoryLimitBytes > web.memoryBytes!);
  assert.equal(containerOf(s, `${P}-exited`, 'job')?.memoryBytes, null, 'no stats for stopped containers');
  const key = `${P}-healthy/${web.name}`;
  assert.ok(samples.some((x) => x.series === `container.memoryBytes:${key}` && x.value > 0));
  assert.ok(samples.some((x) => x.series === `container.cpuPercent:${key}`));
});

test('events: start, die with exit code, health_status, with project and service', async (t) => {
  if (!(await requireDocker(t))) return;
  const die = await eventWhere((e) => e.kind === 'container.die' && e.attributes.project === `${P}-exited` && e.attributes.service === 'job', HANG_GUARD_MS);
  assert.equal(die.attributes.exitCode, '2');
  assert.equal(die.severity, 'critical');
  assert.equal(die.source, 'docker');
  assert.equal(die.subject, stacks[`${P}-exited`].get('job').name);
  const clean = await eventWhere((e) => e.kind === 'container.die' && e.attributes.service === 'once' && e.attributes.project === `${P}-exited`, HANG_GUARD_MS);
  assert.equal(clean.severity, 'info');
  const unhealthy = await eventWhere((e) => e.kind === 'container.health_status' && e.attributes.project === `${P}-unhealthy`, HANG_GUARD_MS);
  assert.equal(unhealthy.attributes.health, 'unhealthy');
  assert.equal(unhealthy.severity, 'critical');
  const healthy = await eventWhere((e) => e.kind === 'container.health_status' && e.attributes.project === `${P}-healthy`, HANG_GUARD_MS);
  assert.equal(healthy.severity, 'info');
  await eventWhere((e) => e.kind === 'container.start' && e.attributes.project === `${P}-loop`, HANG_GUARD_MS);
  const crash = await eventWhere((e) => e.kind === 'container.die' && e.attributes.project === `${P}-loop`, HANG_GUARD_MS);
  assert.equal(crash.attributes.exitCode, '3');
});

test('a health change reaches a fresh snapshot through the event stream once the engine reports it', async (t) => {
  if (!(await requireDocker(t))) return;
  const flip = stacks[`${P}-flip`].get('svc');
  await snapshotWhere((s) => containerOf(s, `${P}-flip`, 'svc')?.health === 'healthy', HANG_GUARD_MS);
  const exec = await flip.container.exec({ Cmd: ['rm', '/tmp/ok'] });
  // Detached, but dockerode still hands back the connection: close it, or it keeps the process alive.
  const stream = await exec.start({ Detach: true });
  stream.destroy();
  const event = await eventWhere((e) => e.kind === 'container.health_status' && e.attributes.project === `${P}-flip` && e.attributes.health === 'unhealthy', HANG_GUARD_MS);
  // From here on, only the event stream wakes the loop: no polling.
  const s = await snapshotWhere((s) => containerOf(s, `${P}-flip`, 'svc')?.health === 'unhealthy', HANG_GUARD_MS);
  const elapsed = Date.now() - event.receivedAt;
  t.diagnostic(`health change → snapshot: ${elapsed} ms`);
  assert.equal(stackOf(s, `${P}-flip`)?.severity, 'critical');
});

test('a container stop reaches a fresh snapshot through the event stream (the loop is woken by events only)', async (t) => {
  if (!(await requireDocker(t))) return;
  await snapshotWhere((s) => containerOf(s, `${P}-healthy`, 'worker')?.state === 'running', HANG_GUARD_MS);
  const started = Date.now();
  await stacks[`${P}-healthy`].get('worker').container.stop({ t: 0 });
  const s = await snapshotWhere((s) => containerOf(s, `${P}-healthy`, 'worker')?.state === 'exited', HANG_GUARD_MS);
  const elapsed = Date.now() - started;
  t.diagnostic(`stop → snapshot: ${elapsed} ms`);
  assert.equal(containerOf(s, `${P}-healthy`, 'worker')?.exitCode, 137);
  const stop = await eventWhere((e) => e.kind === 'container.stop' && e.attributes.project === `${P}-healthy`, HANG_GUARD_MS);
  assert.equal(stop.severity, 'info');
  const die = await eventWhere((e) => e.kind === 'container.die' && e.attributes.project === `${P}-healthy` && e.attributes.service === 'worker', HANG_GUARD_MS);
  assert.equal(die.severity, 'warning', 'killed on purpose, not a crash');
});

test('an unreachable endpoint gives available:false with a clear error, and no throw', async () => {
  const settings = defaultSettings();
  const missing = `/tmp/opsbar-missing-${process.pid}.sock`;
  settings.docker.endpoint = missing;
  const c = createDockerCollector(settings);
  const { snapshot, samples: none } = await c.collect();
  assert.equal(snapshot.available, false);
  assert.equal(snapshot.endpoint, missing);
  assert.deepEqual(snapshot.stacks, []);
  assert.deepEqual(none, []);
  assert.equal(snapshot.error, `Docker is not running at the configured endpoint: no socket answered at ${missing}. Start the engine, or fix docker.endpoint in the config.`);
});
