// Stack snapshots against the real (shared) Docker engine: what differs from now, retention of
// the protected tags, and an automatic snapshot driven by a manual clock. Only this file's stacks.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRollbackAction } from '../../../../electron/core/actions/rollback/rollbackAction';
import type { ContainerInfo } from '../../../../shared/types/docker';
import type { StatusSnapshot } from '../../../../shared/types/status';
import { eventually } from '../../../support/eventually';
import { removeTestStacks, requireDocker, testDocker } from '../../../support/dockerEngine';
import { rollbackFixture, type RollbackFixture } from '../../../support/rollbackFixture';
import { TestClock } from '../../../support/testClock';

const fixtures: RollbackFixture[] = [];
after(async () => {
  for (const f of fixtures) await f.cleanup();
  await removeTestStacks();
});

async function exists(ref: string): Promise<boolean> {
  return testDocker()
    .getImage(ref)
    .inspect()
    .then(
      () => true,
      (error: { statusCode?: number }) => (error.statusCode === 404 ? false : Promise.reject(error)),
    );
}

test('the list says what differs from now: same as now, a new image and config, a container gone', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = rollbackFixture('diff');
  fixtures.push(f);
  const v1 = await f.release('v1');
  await f.up('db', await f.release('db'));
  await f.up('app', v1);
  const snapshot = await f.snapshots.take(f.stack, 'manual');
  assert.deepEqual((await f.snapshots.list(f.stack))[0].differences, ['same as now']);
  const plan = await createRollbackAction().plan({ stack: f.stack } as never, f.deps);
  assert.deepEqual(plan.refusals, [`No snapshot of ${f.stack} differs from what runs now: there is nothing to roll back to (take one with \`opsbar snapshot take ${f.stack}\` when it is healthy).`]);

  const v2 = await f.release('v2');
  await f.down('app');
  await f.up('app', v2, { healthy: false });
  await f.down('db');
  const [view] = await f.snapshots.list(f.stack);
  assert.equal(view.snapshot.id, snapshot.id);
  const app = f.containerName('app');
  assert.deepEqual(view.differences, [
    `${app}: image ${v1.ref} (${v1.id.slice(0, 19)}) → now ${v2.ref} (${v2.id.slice(0, 19)})`,
    `${app}: env, healthcheck changed`,
    `${f.containerName('db')}: not present now`,
  ]);
  assert.equal(view.imagesPresent, true);
  assert.deepEqual(view.snapshot.files.map((file) => file.readable), [true, true]);
  assert.equal('create' in view.snapshot.containers[0], false, 'the view leaves the create configuration out');
});

test('keepPerStack: the oldest automatic snapshot goes first, its protected tags removed, its image kept', async (t) => {
  if (!(await requireDocker(t))) return;
  const clock = new TestClock(Date.parse('2026-12-02T10:00:00Z'));
  const f = rollbackFixture('keep', { clock, settings: (s) => (s.emergency.snapshots.keepPerStack = 2) });
  fixtures.push(f);
  const v1 = await f.release('v1');
  await f.up('app', v1);
  const manual = await f.snapshots.take(f.stack, 'manual');
  await clock.advance(1_000);
  const auto = await f.snapshots.take(f.stack, 'auto');
  await clock.advance(1_000);
  assert.deepEqual(auto.tags, [`opsbar-snapshot/${f.stack}:20261202T100001-1`]);
  assert.equal(await exists(auto.tags[0]), true);
  const newest = await f.snapshots.take(f.stack, 'manual');
  assert.deepEqual(
    f.store.snapshots.list(f.stack).map((s) => s.id),
    [newest.id, manual.id],
  );
  assert.equal(await exists(auto.tags[0]), false, 'the removed snapshot’s tag is gone');
  assert.equal(await exists(manual.tags[0]), true);
  assert.equal(await exists(v1.id), true, 'the image itself stays');
});

function statusOf(containers: ContainerInfo[], stack: string): StatusSnapshot {
  const counts = { total: containers.length, running: containers.length, healthy: 0, unhealthy: 0 };
  return { docker: { at: 0, available: true, endpoint: null, error: null, engineVersion: null, stacks: [{ name: stack, kind: 'compose', containers, severity: 'ok', counts }] } } as unknown as StatusSnapshot;
}

test('an automatic snapshot once the stack has been healthy for healthyFor (manual clock)', async (t) => {
  if (!(await requireDocker(t))) return;
  const clock = new TestClock();
  const f = rollbackFixture('auto', { clock, role: 'app' });
  fixtures.push(f);
  await f.up('app', await f.release('v1'));
  const info = await f.inspect('app');
  const container = { id: info.Id, name: f.containerName('app'), service: 'app', state: 'running', health: 'healthy' } as ContainerInfo;
  f.snapshots.onStatus(statusOf([container], f.stack));
  await clock.advance(f.settings.emergency.snapshots.healthyFor - 1);
  f.snapshots.onStatus(statusOf([container], f.stack));
  assert.equal(f.store.snapshots.list(f.stack).length, 0, 'not healthy long enough yet');
  await clock.advance(1);
  f.snapshots.onStatus(statusOf([container], f.stack));
  const [taken] = await eventually('the automatic snapshot', () => f.store.snapshots.list(f.stack).length === 1 && f.store.snapshots.list(f.stack));
  assert.equal(taken.reason, 'auto');
  assert.equal(taken.complete, true);
  assert.equal(f.store.auditLog.query({ kind: 'snapshot', limit: 5 })[0].actor, 'opsbar');
});
