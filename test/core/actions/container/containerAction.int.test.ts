// The container action against the real (shared) Docker engine, through the real framework:
// only this file's own containers (opsbar.test=1, named with the pid), removed at the end.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStack, removeTestStacks, requireDocker, testDocker, TEST_IMAGE, type TestService } from '../../../support/dockerEngine';
import { eventually } from '../../../support/eventually';
import { containerHarness, type ContainerHarness } from './containerHarness';

const harnesses: ContainerHarness[] = [];
after(async () => {
  for (const h of harnesses) await h.close();
  await removeTestStacks();
});

let stacks = 0;
const project = (name: string) => `opsbar-t${process.pid}-${name}-${++stacks}`;
const open = (options?: Parameters<typeof containerHarness>[0]) => {
  const h = containerHarness(options);
  harnesses.push(h);
  return h;
};
const inspect = (id: string) => testDocker().getContainer(id).inspect();
const healthy: TestService['healthcheck'] = { test: ['CMD', 'true'], intervalMs: 500 };

async function untilHealthy(id: string): Promise<void> {
  // The set-up waits with the Engine's own health (the action's wait is what is under test).
  await eventually(`${id} healthy`, async () => (await inspect(id)).State.Health?.Status === 'healthy');
}

test('restart one container: the plan lists its facts, the restart changes StartedAt, verify waits for healthy, the audit records it', async (t) => {
  if (!(await requireDocker(t))) return;
  const h = open();
  const stack = await createTestStack(project('one'), [{ name: 'web', healthcheck: healthy }]);
  const web = stack.get('web');
  await untilHealthy(web.id);
  const before = await inspect(web.id);

  const plan = await h.plan({ verb: 'restart', container: web.name });
  assert.deepEqual(plan.refusals, []);
  assert.equal(plan.title, `Restart container ${web.name}`);
  assert.equal(plan.items.length, 1);
  const [item] = plan.items;
  assert.equal(item.kind, 'container.restart');
  assert.equal(item.facts.containerId, web.id);
  assert.equal(item.facts.imageId, before.Image);
  assert.equal(item.facts.startedAt, before.State.StartedAt);
  assert.equal(item.facts.stopSeconds, 1, "the container's own StopTimeout");
  assert.match(plan.notes.join('\n'), /verified when it runs again with a new start time and healthy/);
  assert.equal((await inspect(web.id)).State.StartedAt, before.State.StartedAt, 'planning touched nothing');

  const outcome = await h.execute(plan);
  assert.equal(outcome.state, 'succeeded', JSON.stringify(outcome));
  assert.equal(outcome.verified?.passed, true);
  assert.match(outcome.verified?.summary ?? '', new RegExp(`^${web.name} running and healthy \\(restarted \\d\\d:\\d\\d:\\d\\d\\)$`));
  const after = await inspect(web.id);
  assert.notEqual(after.State.StartedAt, before.State.StartedAt);
  assert.equal(after.State.Health?.Status, 'healthy');
  const audit = h.auditRows().map((r) => [r.action, r.target, r.outcome]);
  assert.deepEqual(audit, [
    ['action.plan', `container plan ${plan.id}`, 'planned'],
    ['action.execute', `container plan ${plan.id}`, 'confirmed'],
    ['action.item', `container.restart ${web.name}`, 'succeeded'],
    ['action.verify', `container plan ${plan.id}`, 'succeeded'],
    ['action.execute', `container plan ${plan.id}`, 'succeeded'],
  ]);
});

test('stop → exited and verified; stop again → nothing to do; start → running and verified; start again → nothing to do', async (t) => {
  if (!(await requireDocker(t))) return;
  const h = open();
  const stack = await createTestStack(project('ss'), [{ name: 'worker' }]);
  const worker = stack.get('worker');

  const stop = await h.plan({ verb: 'stop', container: worker.name });
  assert.deepEqual(stop.items.map((i) => i.kind), ['container.stop']);
  const stopped = await h.execute(stop);
  assert.equal(stopped.state, 'succeeded', JSON.stringify(stopped));
  assert.match(stopped.verified?.summary ?? '', new RegExp(`^${worker.name} stopped \\(exited \\(code \\d+\\)\\)$`));
  assert.equal((await inspect(worker.id)).State.Status, 'exited');

  const again = await h.plan({ verb: 'stop', container: worker.name });
  assert.deepEqual(again.items, []);
  assert.deepEqual(again.refusals, []);
  assert.match(again.notes.join('\n'), /is not running \(exited \(code \d+\)\): there is nothing to stop/);

  const start = await h.plan({ verb: 'start', container: worker.id });
  assert.equal(start.title, `Start container ${worker.name}`);
  const started = await h.execute(start);
  assert.equal(started.state, 'succeeded', JSON.stringify(started));
  assert.match(started.verified?.summary ?? '', /running \(no healthcheck\) \(started \d\d:\d\d:\d\d\)$/);
  assert.equal((await inspect(worker.id)).State.Status, 'running');

  const noop = await h.plan({ verb: 'start', container: worker.name });
  assert.deepEqual(noop.items, []);
  assert.match(noop.notes.join('\n'), /is already running: there is nothing to start/);
});

test('restart a stack: stops dependents first, starts in depends_on order waiting for health, verifies every container', async (t) => {
  if (!(await requireDocker(t))) return;
  const h = open();
  const name = project('stk');
  // Created out of order on purpose: the order must come from the labels, not from creation or names.
  const stack = await createTestStack(name, [
    { name: 'web', labels: { 'com.docker.compose.depends_on': 'api:service_healthy:false' } },
    { name: 'api', healthcheck: healthy, labels: { 'com.docker.compose.depends_on': 'db:service_healthy:false,cache:service_started:false' } },
    { name: 'db', healthcheck: healthy },
  ]);
  const [web, api, db] = ['web', 'api', 'db'].map((s) => stack.get(s));
  await untilHealthy(db.id);
  await untilHealthy(api.id);

  const plan = await h.plan({ verb: 'restart', stack: name });
  assert.deepEqual(plan.refusals, []);
  assert.equal(plan.title, `Restart stack ${name} (3 containers)`);
  assert.deepEqual(
    plan.items.map((i) => `${i.kind} ${i.name}`),
    [`container.stop ${web.name}`, `container.stop ${api.name}`, `container.stop ${db.name}`, `container.start ${db.name}`, `container.start ${api.name}`, `container.start ${web.name}`],
  );
  assert.equal(plan.notes[0], 'Stops web, then api, then db; starts db (waits healthy), then api (waits healthy), then web.');

  const outcome = await h.execute(plan);
  assert.equal(outcome.state, 'succeeded', JSON.stringify(outcome, null, 1));
  assert.equal(outcome.verified?.summary, `${name}: 3/3 running, 2 healthy`);
  const [w, a, d] = await Promise.all([web, api, db].map((c) => inspect(c.id)));
  const ms = (iso: string) => Date.parse(iso);
  // Stopped in reverse dependency order…
  assert.ok(ms(w.State.FinishedAt) <= ms(a.State.FinishedAt) && ms(a.State.FinishedAt) <= ms(d.State.FinishedAt), `${w.State.FinishedAt} ${a.State.FinishedAt} ${d.State.FinishedAt}`);
  // …each start after the last stop, and each dependent after its dependency was healthy (≥ one health interval later).
  assert.ok(ms(d.State.FinishedAt) <= ms(d.State.StartedAt));
  assert.ok(ms(d.State.StartedAt) < ms(a.State.StartedAt) && ms(a.State.StartedAt) < ms(w.State.StartedAt), `${d.State.StartedAt} ${a.State.StartedAt} ${w.State.StartedAt}`);
  const dbHealthyAt = d.State.Health?.Log?.find((l) => l.ExitCode === 0 && ms(l.End) >= ms(d.State.StartedAt))?.End;
  assert.ok(dbHealthyAt && ms(dbHealthyAt) <= ms(a.State.StartedAt), `db healthy at ${dbHealthyAt}, api started ${a.State.StartedAt}`);
});

test('a depends_on cycle is refused and named; no labels → name order', async (t) => {
  if (!(await requireDocker(t))) return;
  const h = open();
  const cyclic = project('cyc');
  await createTestStack(cyclic, [
    { name: 'a', labels: { 'com.docker.compose.depends_on': 'b:service_started:false' } },
    { name: 'b', labels: { 'com.docker.compose.depends_on': 'a:service_started:false' } },
  ]);
  const refused = await h.plan({ verb: 'restart', stack: cyclic });
  assert.deepEqual(refused.items, []);
  assert.match(refused.refusals.join('\n'), /form a cycle \(a → b → a\)/);

  const plain = project('plain');
  const s = await createTestStack(plain, [{ name: 'zeta' }, { name: 'alpha' }]);
  const plan = await h.plan({ verb: 'restart', stack: plain });
  assert.deepEqual(
    plan.items.filter((i) => i.kind === 'container.start').map((i) => i.name),
    [s.get('zeta').name, s.get('alpha').name].sort(),
  );
  assert.match(plan.notes.join('\n'), /No depends_on labels: the containers start in name order/);
});

test('refusals: an unknown container or stack, a protected container for stop (restart allowed), Docker switched off', async (t) => {
  if (!(await requireDocker(t))) return;
  const h = open();
  const missing = `opsbar-t${process.pid}-nope`;
  assert.match((await h.plan({ verb: 'restart', container: missing })).refusals[0], new RegExp(`^No container ${missing} on this host`));
  assert.match((await h.plan({ verb: 'restart', stack: missing })).refusals[0], new RegExp(`^No compose stack ${missing} on this host`));
  const stack = await createTestStack(project('guard'), [{ name: 'vault', labels: { 'opsbar.protect': 'true' } }]);
  const vault = stack.get('vault');
  const stop = await h.plan({ verb: 'stop', container: vault.name });
  assert.deepEqual(stop.items, []);
  assert.match(stop.refusals[0], /is protected \(label opsbar.protect=true\): Opsbar never stops it/);
  assert.throws(() => h.system.execute({ planId: stop.id, hash: stop.hash }, 'cli'), /cannot run: .* is protected/);
  const restart = await h.plan({ verb: 'restart', container: vault.name });
  assert.deepEqual(restart.refusals, []);
  assert.match(restart.notes.join('\n'), /protected \(opsbar.protect=true\): restart is allowed/);
  assert.equal((await inspect(vault.id)).State.Running, true);

  const off = open({ dockerEnabled: false });
  assert.match((await off.plan({ verb: 'restart', container: vault.name })).refusals[0], /Docker is switched off/);
});

test('a container recreated under the same name between plan and execute is skipped, and the run is not verified', async (t) => {
  if (!(await requireDocker(t))) return;
  const h = open();
  const stack = await createTestStack(project('moved'), [{ name: 'app' }]);
  const app = stack.get('app');
  const plan = await h.plan({ verb: 'restart', container: app.name });
  const labels = (await inspect(app.id)).Config.Labels;
  await testDocker().getContainer(app.id).remove({ force: true });
  const replacement = await testDocker().createContainer({ name: app.name, Image: TEST_IMAGE, Cmd: ['sleep', '3600'], Labels: labels, HostConfig: { NetworkMode: 'none' }, StopTimeout: 1 });
  await replacement.start();
  const startedAt = (await replacement.inspect()).State.StartedAt;

  const outcome = await h.execute(plan);
  assert.notEqual(outcome.state, 'succeeded');
  assert.equal(outcome.items[0].outcome, 'skipped');
  assert.match(outcome.items[0].detail, new RegExp(`^changed since the plan: ${app.name} is now container ${replacement.id.slice(0, 12)} \\(the plan saw ${app.id.slice(0, 12)}\\); nothing was done$`));
  assert.equal(outcome.verified?.passed, false);
  assert.equal((await replacement.inspect()).State.StartedAt, startedAt, 'the new container was not touched');
});

test('a container that is unhealthy after its restart: the run is not verified, with the reason', async (t) => {
  if (!(await requireDocker(t))) return;
  const h = open({ healthTimeoutMs: 20_000 });
  // Healthy on its first run; on every later run it marks itself restarted, and its healthcheck fails.
  const stack = await createTestStack(project('sick'), [
    {
      name: 'flaky',
      command: ['sh', '-c', 'test -f /tmp/seen && touch /tmp/restarted; touch /tmp/seen; exec sleep 3600'],
      healthcheck: { test: ['CMD-SHELL', 'test ! -f /tmp/restarted'], intervalMs: 500, retries: 1 },
    },
  ]);
  const flaky = stack.get('flaky');
  await untilHealthy(flaky.id);
  const outcome = await h.execute(await h.plan({ verb: 'restart', container: flaky.name }));
  assert.equal(outcome.state, 'failed', JSON.stringify(outcome));
  assert.equal(outcome.items[0].outcome, 'done', 'the restart itself was done');
  assert.equal(outcome.verified?.passed, false);
  assert.equal(outcome.verified?.summary, `${flaky.name} not verified: running, unhealthy (will not come up)`);
  assert.match(outcome.message ?? '', /^Not verified: /);
});

test('a stack restart whose dependency is unhealthy after its start: its dependents are not started, and the run fails', async (t) => {
  if (!(await requireDocker(t))) return;
  const h = open({ healthTimeoutMs: 20_000 });
  const name = project('dep');
  const stack = await createTestStack(name, [
    {
      name: 'db',
      command: ['sh', '-c', 'test -f /tmp/seen && touch /tmp/restarted; touch /tmp/seen; exec sleep 3600'],
      healthcheck: { test: ['CMD-SHELL', 'test ! -f /tmp/restarted'], intervalMs: 500, retries: 1 },
    },
    { name: 'web', labels: { 'com.docker.compose.depends_on': 'db:service_healthy:false' } },
  ]);
  await untilHealthy(stack.get('db').id);
  const plan = await h.plan({ verb: 'restart', stack: name });
  const outcome = await h.execute(plan);
  assert.equal(outcome.state, 'failed');
  const web = stack.get('web');
  const db = stack.get('db');
  assert.deepEqual(
    outcome.items.map((i) => [i.id, i.outcome]),
    [
      [`stop:${web.id}`, 'done'],
      [`stop:${db.id}`, 'done'],
      [`start:${db.id}`, 'failed'],
      [`start:${web.id}`, 'skipped'],
    ],
  );
  assert.match(outcome.items[2].detail, /^started, but did not come up \(running, unhealthy\): the containers after it were not started$/);
  assert.equal((await inspect(web.id)).State.Running, false, 'web was not started on an unhealthy db');
  assert.equal(outcome.verified?.passed, false);
  assert.match(outcome.verified?.summary ?? '', new RegExp(`^${name}: 1/2 running, 0 healthy — `));
});
