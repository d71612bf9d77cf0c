import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDiskAction } from '../../../../electron/core/actions/disk/diskAction';
import { startFakeDockerEngine, type FakeDockerEngine } from '../../../support/fakeDockerEngine';
import { tempDir } from '../../../support/tempDir';
import { diskDeps, runItems, toPlan } from './diskActionHarness';

const RECORD = 'k3q0v7m1x9a2b8c4d6e5f0g1h';

/** An engine with one idle and one in-use build cache record, answering a prune with `deleted`. */
async function engineWithBuildCache(deleted: string[]): Promise<FakeDockerEngine> {
  const engine = await startFakeDockerEngine(tempDir());
  engine.reply('/info', { kind: 'json', body: { DockerRootDir: tempDir() } });
  engine.reply('/images/json', { kind: 'json', body: [] });
  engine.reply('/volumes', { kind: 'json', body: { Volumes: [] } });
  engine.reply('/system/df', {
    kind: 'json',
    body: { BuildCache: [{ ID: RECORD, Type: 'regular', InUse: false, Shared: false, Size: 5_000_000 }, { ID: 'inuse0000000000000000000', InUse: true, Size: 9 }] },
  });
  engine.reply('/build/prune', { kind: 'json', body: { CachesDeleted: deleted, SpaceReclaimed: 5_000_000 } });
  return engine;
}

async function planAndRun(engine: FakeDockerEngine) {
  const deps = diskDeps();
  deps.settingsValue.docker.endpoint = engine.socketPath;
  deps.settingsValue.emergency.disk.history = false;
  const plugin = createDiskAction();
  const draft = await plugin.plan({}, deps);
  const run = await runItems(plugin, toPlan(draft, {}, deps.clock.now()), [`buildcache:${RECORD}`], deps);
  deps.close();
  return { draft, run };
}

test('a build cache record is pruned by its own id, never by a broad prune', async () => {
  const engine = await engineWithBuildCache([RECORD]);
  try {
    const { draft, run } = await planAndRun(engine);
    assert.deepEqual(draft.items.map((i) => i.id), [`buildcache:${RECORD}`], 'the in-use record is not a candidate');
    assert.equal(run.outcomes[0].outcome, 'done', run.outcomes[0].detail);
    const prunes = engine.requests.filter((r) => r.includes('/build/prune'));
    assert.equal(prunes.length, 1);
    const query = new URLSearchParams(prunes[0].split('?')[1]);
    assert.deepEqual(JSON.parse(query.get('filters') ?? 'null'), { id: [RECORD] });
  } finally {
    await engine.close();
  }
});

test('an engine that pruned nothing for the id, or more than it, is reported as such', async () => {
  const none = await engineWithBuildCache([]);
  try {
    const { run } = await planAndRun(none);
    assert.equal(run.outcomes[0].outcome, 'skipped');
    assert.match(run.outcomes[0].detail, /pruned nothing for this id/);
  } finally {
    await none.close();
  }
  const more = await engineWithBuildCache([RECORD, 'other000000000000000000000']);
  try {
    const { run } = await planAndRun(more);
    assert.equal(run.outcomes[0].outcome, 'failed');
    assert.match(run.outcomes[0].detail, /also pruned 1 other build cache record/);
  } finally {
    await more.close();
  }
});
