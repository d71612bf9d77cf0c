import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDiskAction } from '../../../../electron/core/actions/disk/diskAction';
import { diskDeps, runItems, toPlan } from './diskActionHarness';

const DAY = 86_400_000;

test("Opsbar's own history: retention runs now and the freed pages go back to the file system, measured in bytes", async () => {
  const deps = diskDeps({ docker: false });
  try {
    const old = deps.clock.now() - 120 * DAY;
    // 4 MB of events older than the 90 days retention keeps them.
    for (let i = 0; i < 2000; i++) {
      deps.realStore.addEvent({ at: old + i, source: 'docker', kind: 'container.die', severity: 'warning', subject: `c${i}`, message: 'x'.repeat(2000), attributes: {} });
    }
    const plugin = createDiskAction();
    const draft = await plugin.plan({}, deps);
    const item = draft.items.find((i) => i.id === 'history:vacuum');
    assert.ok(item?.selected, 'the history item is planned and ticked by default');
    assert.match(item.reason, /retention now/);
    const run = await runItems(plugin, toPlan(draft, {}, deps.clock.now()), ['history:vacuum'], deps);
    assert.equal(run.outcomes[0].outcome, 'done', run.outcomes[0].detail);
    assert.match(run.outcomes[0].detail, /^retention deleted 2000 row\(s\); \d+ page\(s\)/);
    assert.ok((run.outcomes[0].bytes ?? 0) > 3_000_000, `freed ${run.outcomes[0].bytes} bytes`);
    assert.equal(deps.realStore.freePages().pages, 0);
    assert.equal(deps.realStore.listEvents({ limit: 10 }).length, 0);
  } finally {
    deps.close();
  }
});

test('with history switched off in the settings there is no history item', async () => {
  const deps = diskDeps({ docker: false });
  try {
    deps.settingsValue.emergency.disk.history = false;
    assert.deepEqual((await createDiskAction().plan({}, deps)).items, []);
  } finally {
    deps.close();
  }
});
