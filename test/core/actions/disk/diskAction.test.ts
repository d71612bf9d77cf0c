import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import type { KeptItem, PlanItem } from '../../../../shared/types/actions';
import type { DiskActionParams } from '../../../../shared/api/contract/actions';
import { createDiskAction } from '../../../../electron/core/actions/disk/diskAction';
import { dockerAvailable, requireDocker, TEST_IMAGE, testDocker } from '../../../support/dockerEngine';
import { createDiskFixture, type DiskFixture, removeDiskFixture } from '../../../support/diskFixtureHost';
import { diskDeps, type DiskDeps, runItems, toPlan } from './diskActionHarness';

let fixture: DiskFixture | null = null;
let deps: DiskDeps;

before(async () => {
  if (await dockerAvailable()) fixture = await createDiskFixture();
  deps = diskDeps();
  if (fixture) deps.protectedIds.add(fixture.images.snapshot);
});

after(async () => {
  deps.close();
  await removeDiskFixture(fixture);
});

const PRESETS: DiskActionParams[] = [{}, { unusedImagesOlderThanDays: 0 }, { logsOverMb: 1 }, { unusedImagesOlderThanDays: 0, logsOverMb: 1, caches: true }];

function keptReason(kept: readonly KeptItem[], id: string): string {
  const entry = kept.find((k) => k.id === id);
  assert.ok(entry, `${id} is listed as kept`);
  return entry.reason;
}

test('every preset keeps the volumes, running and paused containers, their images, the snapshot image and the protected container, each with why', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = fixture!;
  const plugin = createDiskAction();
  const testImageId = (await testDocker().getImage(TEST_IMAGE).inspect()).Id;
  const never = [
    `container:${f.containers.running.id}`,
    `container:${f.containers.paused.id}`,
    `container:${f.containers.protected.id}`,
    `image:${f.images.running}`,
    `image:${f.images.snapshot}`,
    `image:${testImageId}`,
  ];
  for (const params of PRESETS) {
    const draft = await plugin.plan(params, deps);
    const ids = draft.items.map((i) => i.id);
    for (const id of never) assert.ok(!ids.includes(id), `${JSON.stringify(params)}: ${id} is never an item`);
    assert.ok(!ids.some((id) => id.startsWith('volume:')), 'no volume is ever an item');
    assert.match(keptReason(draft.kept, `volume:${f.volumes.named}`), /^named volume of stack .*never removed$/);
    assert.match(keptReason(draft.kept, `volume:${f.volumes.external}`), /^external volume .*never removed$/);
    assert.match(keptReason(draft.kept, `volume:${f.volumes.anonymous}`), /^anonymous volume .*never removed$/);
    assert.equal(keptReason(draft.kept, `container:${f.containers.running.id}`), 'running: never removed');
    assert.equal(keptReason(draft.kept, `container:${f.containers.paused.id}`), 'paused: never removed');
    assert.equal(keptReason(draft.kept, `container:${f.containers.protected.id}`), 'labelled opsbar.protect=true');
    assert.equal(keptReason(draft.kept, `image:${f.images.running}`), `used by running container ${f.containers.running.name}`);
    assert.match(keptReason(draft.kept, `image:${f.images.snapshot}`), /^image of rollback snapshot opsbar-snapshot\/t\d+:1: never removed$/);
    assert.match(keptReason(draft.kept, `image:${testImageId}`), /^used by (running|paused) container /);

    const item = (id: string): PlanItem | undefined => draft.items.find((i) => i.id === id);
    assert.equal(item(`container:${f.containers.stopped.id}`)?.selected, true, 'the stopped container is an item');
    assert.equal(item(`image:${f.images.danglingA}`)?.selected, true, 'a dangling image is an item');
    const unused = item(`image:${f.images.unused}`);
    if (params.unusedImagesOlderThanDays === undefined) assert.equal(unused, undefined, 'unused images are opt-in');
    else assert.equal(unused?.selected, true, 'asked for: ticked');
    const log = item(`log:${f.containers.logger.id}`);
    if (params.logsOverMb === undefined) assert.equal(log, undefined, 'a 4 MB log is under the default 100 MB');
    else assert.ok(log && log.bytes! > 1_000_000, 'the big log is an item');
    // Containers are acted on before the images they used.
    const firstImage = draft.items.findIndex((i) => i.kind === 'image.remove');
    const lastContainer = draft.items.map((i) => i.kind).lastIndexOf('container.remove');
    assert.ok(firstImage === -1 || lastContainer < firstImage, 'containers come first');
    assert.ok(draft.notes.some((n) => /Docker's estimates/.test(n)));
  }
});

test('execution acts on exactly the confirmed items, skips the ones that changed since the plan, and measures the result', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = fixture!;
  const docker = testDocker();
  const plugin = createDiskAction();
  const params: DiskActionParams = { unusedImagesOlderThanDays: 0, logsOverMb: 1 };
  const plan = toPlan(await plugin.plan(params, deps), params, deps.clock.now());
  const mine = [
    `container:${f.containers.stopped.id}`,
    `container:${f.containers.changer.id}`,
    `image:${f.images.danglingA}`,
    `image:${f.images.danglingB}`,
    `image:${f.images.unused}`,
    `log:${f.containers.logger.id}`,
  ];
  for (const id of mine) assert.ok(plan.items.some((i) => i.id === id), `${id} is planned`);

  // Changed between plan and execute: the stopped "changer" runs now; a new container uses dangling B.
  await docker.getContainer(f.containers.changer.id).start();
  const user = await docker.createContainer({
    name: `${f.project}-user`,
    Image: f.images.danglingB,
    Cmd: ['true'],
    Labels: { 'opsbar.test': '1', 'opsbar.test.pid': String(process.pid) },
    HostConfig: { NetworkMode: 'none' },
  });

  const logPath = String(plan.items.find((i) => i.id === `log:${f.containers.logger.id}`)!.facts.logPath);
  const run = await runItems(plugin, plan, mine, deps);
  const outcome = (id: string) => run.outcomes.find((o) => o.id === id)!;
  assert.deepEqual(run.outcomes.map((o) => o.id).sort(), [...mine].sort(), 'the executed set is exactly the ids passed');
  assert.equal(outcome(`container:${f.containers.stopped.id}`).outcome, 'done', outcome(`container:${f.containers.stopped.id}`).detail);
  assert.equal(outcome(`image:${f.images.danglingA}`).outcome, 'done', outcome(`image:${f.images.danglingA}`).detail);
  assert.equal(outcome(`image:${f.images.unused}`).outcome, 'done', outcome(`image:${f.images.unused}`).detail);
  assert.equal(outcome(`log:${f.containers.logger.id}`).outcome, 'done', outcome(`log:${f.containers.logger.id}`).detail);
  assert.equal(outcome(`container:${f.containers.changer.id}`).outcome, 'skipped', outcome(`container:${f.containers.changer.id}`).detail);
  assert.equal(outcome(`container:${f.containers.changer.id}`).detail, 'changed since the plan: the container is running now');
  assert.equal(outcome(`image:${f.images.danglingB}`).outcome, 'skipped', outcome(`image:${f.images.danglingB}`).detail);
  assert.equal(outcome(`image:${f.images.danglingB}`).detail, `changed since the plan: now used by container ${f.project}-user (created)`);

  // Gone: exactly what was done.
  const exists = (call: Promise<unknown>) => call.then(() => true, () => false);
  assert.equal(await exists(docker.getContainer(f.containers.stopped.id).inspect()), false);
  assert.equal(await exists(docker.getImage(f.images.danglingA).inspect()), false);
  assert.equal(await exists(docker.getImage(f.images.unused).inspect()), false);
  // Kept: everything else of the fixture.
  for (const c of ['running', 'paused', 'changer', 'protected', 'logger', 'source'] as const) assert.ok(await exists(docker.getContainer(f.containers[c].id).inspect()), `${c} container stays`);
  for (const i of ['danglingB', 'snapshot', 'running'] as const) assert.ok(await exists(docker.getImage(f.images[i]).inspect()), `${i} image stays`);
  for (const v of Object.values(f.volumes)) assert.ok(await exists(docker.getVolume(v).inspect()), `volume ${v} stays`);
  assert.ok(await exists(docker.getImage(TEST_IMAGE).inspect()), 'the test image stays');
  // The big log is truncated and its container still runs.
  assert.ok(statSync(logPath).size < 1_000_000);
  assert.equal((await docker.getContainer(f.containers.logger.id).inspect()).State.Running, true);

  // Measured, not assumed.
  const { verified } = run;
  assert.equal(verified.passed, true, JSON.stringify(verified, null, 2));
  for (const figure of ['freeBytesBefore', 'freeBytesAfter', 'freedBytes', 'predictedBytes']) assert.equal(typeof verified.figures[figure], 'number', figure);
  assert.ok(verified.checks.some((c) => c.label === `${f.containers.stopped.name} gone` && c.passed && c.detail === 'the engine answers 404'));
  assert.match(verified.summary, /^Freed .* on \/.*\(predicted .*; Docker's figures are estimates\)/);
  await user.remove({ force: true });
});

test('an image the engine will not remove without force (two tags) fails with a detail and is never forced', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = fixture!;
  const docker = testDocker();
  const repo = `${f.project}-twotags`;
  const { Id: id } = (await docker.getContainer(f.containers.source.id).commit({ repo, tag: '1', comment: 'two tags' })) as { Id: string };
  try {
    await docker.getImage(id).tag({ repo, tag: '2' });
    const plugin = createDiskAction();
    const params: DiskActionParams = { unusedImagesOlderThanDays: 0 };
    const plan = toPlan(await plugin.plan(params, deps), params, deps.clock.now());
    assert.ok(plan.items.some((i) => i.id === `image:${id}`), 'planned');
    const run = await runItems(plugin, plan, [`image:${id}`], deps);
    assert.equal(run.outcomes[0].outcome, 'failed');
    assert.match(run.outcomes[0].detail, /refused to remove image .* without force .*nothing was forced/);
    const still = await docker.getImage(id).inspect();
    assert.deepEqual(still.RepoTags.sort(), [`${repo}:1`, `${repo}:2`]);
  } finally {
    for (const tag of ['1', '2']) await docker.getImage(`${repo}:${tag}`).remove().catch(() => undefined);
  }
});
