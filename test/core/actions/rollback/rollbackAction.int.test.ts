// Rolling a stack back against the real (shared) Docker engine: only this file's own stack,
// images and volume, named with the pid; TEST_IMAGE is never removed or untagged.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyActionPlugin } from '../../../../electron/core/actions/actionPlugin';
import { createRollbackAction } from '../../../../electron/core/actions/rollback/rollbackAction';
import { eventually } from '../../../support/eventually';
import { removeTestStacks, requireDocker, testDocker } from '../../../support/dockerEngine';
import { executeRollback, rollbackFixture, type RollbackFixture } from '../../../support/rollbackFixture';

const fixtures: RollbackFixture[] = [];
after(async () => {
  for (const f of fixtures) await f.cleanup();
  await removeTestStacks();
});

const plugin = createRollbackAction();

async function healthy(f: RollbackFixture, service: string): Promise<boolean> {
  const info = await f.inspect(service);
  return info.State.Health?.Status === 'healthy';
}

test('v1 healthy → snapshot → a bad v2 → the rollback brings v1 back healthy, the volume intact, the compose labels kept', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = rollbackFixture('rb');
  fixtures.push(f);
  const v1 = await f.release('v1');
  const db = await f.release('db');
  await f.up('db', db);
  await f.up('app', v1);
  await eventually('v1 healthy', () => healthy(f, 'app'));
  const seed = await f.readVolume();
  assert.equal(seed, `seed-${process.pid}`);
  const known = await f.snapshots.take(f.stack, 'manual');
  assert.equal(known.complete, true, known.problems.join(' '));
  assert.deepEqual(known.volumes, [f.volume]);
  assert.equal(known.files.find((file) => file.path.endsWith('compose.yaml'))?.content?.startsWith('services:'), true);
  assert.equal(known.files.find((file) => file.path.endsWith('.env'))?.content, 'APP_TAG=v1\n');
  assert.equal(known.tags.length, 2, 'one protected tag per image');
  assert.ok(f.snapshots.protectedImageIds().has(v1.id));

  // The bad update, as `docker compose up` does it: the app recreated on v2 with a failing healthcheck.
  const v2 = await f.release('v2');
  await f.down('app');
  await f.up('app', v2, { healthy: false });
  await eventually('v2 unhealthy', async () => (await f.inspect('app')).State.Health?.Status === 'unhealthy');
  const views = await f.snapshots.list(f.stack);
  assert.match(views[0].differences.join('\n'), new RegExp(`${f.containerName('app')}: image ${v1.ref} \\(sha256:[0-9a-f]{12}\\) → now`));
  assert.equal(views[0].imagesPresent, true);

  const draft = await plugin.plan({ stack: f.stack } as never, f.deps);
  assert.deepEqual(draft.refusals, []);
  const app = f.containerName('app');
  const dbName = f.containerName('db');
  assert.deepEqual(
    draft.items.map((i) => i.id),
    [
      'rollback.snapshot',
      `rollback.stop:${app}`,
      `rollback.stop:${dbName}`,
      `rollback.remove:${app}`,
      `rollback.remove:${dbName}`,
      `rollback.create:${dbName}`,
      `rollback.create:${app}`,
      `rollback.start:${dbName}`,
      `rollback.start:${app}`,
      'rollback.health',
    ],
  );
  assert.ok(draft.kept.some((k) => k.id === `volume:${f.volume}` && k.reason === `named volume ${f.volume}: kept, never removed`));

  const plan = f.toPlan(draft, { stack: f.stack });
  const run = await executeRollback(plugin as AnyActionPlugin, plan, f.context());
  assert.deepEqual(
    run.outcomes.map((o) => [o.id, o.outcome]),
    plan.items.map((i) => [i.id, 'done']),
    JSON.stringify(run.outcomes, null, 1),
  );
  assert.equal(run.verification?.passed, true, JSON.stringify(run.verification));
  assert.match(run.verification?.summary ?? '', new RegExp(`^${f.stack} healthy: 2/2 containers on the snapshot of `));
  const after = await f.inspect('app');
  assert.equal(after.Image, v1.id);
  assert.equal(after.State.Health?.Status, 'healthy');
  assert.equal(after.Config.Labels['com.docker.compose.project'], f.stack);
  assert.equal(after.Config.Labels['com.docker.compose.service'], 'app');
  assert.equal(after.Config.Labels['com.docker.compose.depends_on'], 'db:service_started:false');
  assert.equal(await f.readVolume(), seed, 'the volume kept its data');
  assert.ok(run.rollForwardSnapshotId);
  const forward = f.snapshots.get(run.rollForwardSnapshotId);
  assert.equal(forward?.reason, 'pre-rollback');
  assert.equal(forward?.containers.find((c) => c.service === 'app')?.imageId, v2.id);
  const audit = f.store.auditLog.query({ kind: 'snapshot', limit: 10 }).map((r) => [r.actor, r.action, r.target, r.outcome, (r.details as { reason?: string }).reason]);
  assert.deepEqual(audit, [
    ['opsbar', 'snapshot.take', f.stack, 'succeeded', 'pre-rollback'],
    ['cli', 'snapshot.take', f.stack, 'succeeded', 'manual'],
  ]);
});

test('a snapshot whose image was removed by hand is refused at plan, and in prepare before anything stops', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = rollbackFixture('gone');
  fixtures.push(f);
  const docker = testDocker();
  const v1 = await f.release('v1');
  const db = await f.release('db');
  await f.up('db', db);
  await f.up('app', v1);
  const known = await f.snapshots.take(f.stack, 'manual');
  const v2 = await f.release('v2');
  await f.down('app');
  await f.up('app', v2, { healthy: false });

  // The plan is made while v1 is still there…
  const draft = await plugin.plan({ stack: f.stack, snapshotId: known.id } as never, f.deps);
  assert.deepEqual(draft.refusals, []);
  const plan = f.toPlan(draft, { stack: f.stack, snapshotId: known.id });
  // …then v1 is removed by hand: its protected tag, then the image.
  await docker.getImage(v1.id).remove({ force: true });

  const again = await plugin.plan({ stack: f.stack, snapshotId: known.id } as never, f.deps);
  assert.equal(again.refusals.length, 1, again.refusals.join('\n'));
  assert.match(again.refusals[0], /^Image sha256:[0-9a-f]{12} of .*-app-1 \(.*\) is no longer on this host/);
  assert.equal((await f.snapshots.list(f.stack))[0].imagesPresent, false);

  const appBefore = (await f.inspect('app')).Id;
  const run = await executeRollback(plugin as AnyActionPlugin, plan, f.context());
  assert.equal(run.refusals.length, 1);
  assert.match(run.refusals[0], /is no longer on this host/);
  assert.deepEqual(run.outcomes, []);
  const app = await f.inspect('app');
  assert.equal(app.Id, appBefore);
  assert.equal(app.State.Running, true, 'the v2 container still runs');
  assert.equal((await f.inspect('db')).State.Running, true);
});

test('a container recreated since the plan: prepare refuses, and its stop step fails without touching it', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = rollbackFixture('moved');
  fixtures.push(f);
  const v1 = await f.release('v1');
  const db = await f.release('db');
  await f.up('db', db);
  await f.up('app', v1);
  await f.snapshots.take(f.stack, 'manual');
  const v2 = await f.release('v2');
  await f.down('app');
  await f.up('app', v2);
  const plan = f.toPlan(await plugin.plan({ stack: f.stack } as never, f.deps), { stack: f.stack });
  await f.down('app');
  await f.up('app', v2);
  const replaced = (await f.inspect('app')).Id;

  const prepared = await plugin.prepare(plan, plan.items, f.context());
  assert.match(prepared.refusals.join('\n'), new RegExp(`Container ${f.containerName('app')} changed since the plan \\(now ${replaced.slice(0, 12)}\\)`));
  const stop = plan.items.find((i) => i.id === `rollback.stop:${f.containerName('app')}`);
  assert.ok(stop);
  const result = await plugin.executeItem(stop, plan, f.context());
  assert.equal(result.outcome, 'failed');
  assert.match(result.detail, /^changed since the plan: .* is now container [0-9a-f]{12} \(the plan saw [0-9a-f]{12}\); nothing was done/);
  assert.equal((await f.inspect('app')).State.Running, true);
});

test('backupVolumes: the first steps tar each named volume through a helper container and list the archive', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = rollbackFixture('backup');
  fixtures.push(f);
  await f.up('db', await f.release('db'));
  await f.up('app', await f.release('v1'));
  await f.snapshots.take(f.stack, 'manual');
  await f.down('app');
  await f.up('app', await f.release('v2'));
  const draft = await plugin.plan({ stack: f.stack, backupVolumes: true } as never, f.deps);
  assert.deepEqual(draft.refusals, []);
  assert.deepEqual(
    draft.items.slice(0, 2).map((i) => i.id),
    [`rollback.backup:${f.volume}`, 'rollback.snapshot'],
  );
  const plan = f.toPlan(draft, { stack: f.stack, backupVolumes: true });
  const result = await plugin.executeItem(plan.items[0], plan, f.context());
  assert.equal(result.outcome, 'done', result.detail);
  const file = /^backed up to (\S+) \((\d+) entries, .*\), verified by listing it$/.exec(result.detail);
  assert.ok(file, result.detail);
  assert.ok(file[1].startsWith(join(f.dir, 'backups')));
  assert.ok(statSync(file[1]).size > 0);
  assert.ok(Number(file[2]) >= 2, 'the folder and the seed file');
  const helpers = await testDocker().listContainers({ all: true, filters: { label: ['opsbar.helper=rollback-backup'] } });
  assert.deepEqual(helpers.filter((h) => h.Image.includes(String(process.pid))), [], 'helper containers are removed');
  assert.equal((await f.inspect('app')).State.Running, true, 'a backup stops nothing');
});

test('a rollback whose containers never become healthy fails its health step and verify, and offers the roll-forward', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = rollbackFixture('sick', { settings: (s) => (s.emergency.rollback.healthTimeout = 3_000) });
  fixtures.push(f);
  await f.up('app', await f.release('bad'), { healthy: false });
  const bad = await f.snapshots.take(f.stack, 'manual');
  const good = await f.release('good');
  await f.down('app');
  await f.up('app', good);
  const draft = await plugin.plan({ stack: f.stack, snapshotId: bad.id } as never, f.deps);
  const run = await executeRollback(plugin as AnyActionPlugin, f.toPlan(draft, { stack: f.stack, snapshotId: bad.id }), f.context());
  const health = run.outcomes.find((o) => o.id === 'rollback.health');
  assert.equal(health?.outcome, 'failed');
  assert.match(health?.detail ?? '', new RegExp(`^not healthy within 3 s \\(0/1 up\\): ${f.containerName('app')}: running, (unhealthy|starting)$`));
  assert.equal(run.verification?.passed, false);
  assert.match(run.verification?.summary ?? '', new RegExp(`^${f.stack} not healthy: 0/1 containers up on the snapshot of `));
  assert.ok(run.rollForwardSnapshotId);
  assert.equal(f.snapshots.get(run.rollForwardSnapshotId)?.containers[0].imageId, good.id, 'the roll-forward is the good state it replaced');
});
