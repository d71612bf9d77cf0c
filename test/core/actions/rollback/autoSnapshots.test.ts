// Automatic snapshots with a manual clock and fakes: when one is taken, and when not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAutoSnapshots } from '../../../../electron/core/actions/rollback/autoSnapshots';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import type { ContainerInfo } from '../../../../shared/types/docker';
import type { StatusSnapshot } from '../../../../shared/types/status';
import { TestClock } from '../../../support/testClock';

const MIN = 60_000;

function status(containers: Partial<ContainerInfo>[], available = true): StatusSnapshot {
  const full = containers.map((c, i) => ({ id: `c${i}`, name: `demo-${i}`, state: 'running', health: 'healthy', ...c }) as ContainerInfo);
  return { docker: { available, stacks: [{ name: 'demo', kind: 'compose', containers: full }] } } as unknown as StatusSnapshot;
}

function harness(options: { newest?: string | null; current?: string; fail?: boolean } = {}) {
  const clock = new TestClock();
  const settings = defaultSettings();
  const taken: string[] = [];
  const warnings: string[] = [];
  const auto = createAutoSnapshots({
    clock,
    log: { info() {}, warn: (m) => warnings.push(m), error() {} },
    settings: () => settings,
    newestDigest: () => options.newest ?? null,
    currentDigest: async () => options.current ?? 'now',
    take: async (stack) => {
      if (options.fail) throw new Error('Docker went away');
      taken.push(stack);
    },
  });
  return { clock, settings, taken, warnings, auto };
}

test('healthy for 10 minutes and changed: one snapshot, once per healthy streak', async () => {
  const h = harness({ newest: 'before', current: 'now' });
  h.auto.onStatus(status([{}, { health: 'none' }]));
  await h.clock.advance(10 * MIN - 1);
  h.auto.onStatus(status([{}, { health: 'none' }]));
  await h.auto.idle();
  assert.deepEqual(h.taken, []);
  await h.clock.advance(1);
  h.auto.onStatus(status([{}, { health: 'none' }]));
  await h.clock.advance(MIN);
  h.auto.onStatus(status([{}, { health: 'none' }]));
  await h.auto.idle();
  assert.deepEqual(h.taken, ['demo']);
});

test('an unhealthy reading or a recreated container starts the streak again', async () => {
  const h = harness();
  h.auto.onStatus(status([{}]));
  await h.clock.advance(9 * MIN);
  h.auto.onStatus(status([{ health: 'starting' }]));
  await h.clock.advance(MIN);
  h.auto.onStatus(status([{}]));
  await h.clock.advance(9 * MIN);
  h.auto.onStatus(status([{ id: 'recreated' }]));
  await h.clock.advance(9 * MIN);
  h.auto.onStatus(status([{ id: 'recreated' }]));
  await h.auto.idle();
  assert.deepEqual(h.taken, []);
  await h.clock.advance(MIN);
  h.auto.onStatus(status([{ id: 'recreated' }]));
  await h.auto.idle();
  assert.deepEqual(h.taken, ['demo']);
});

test('no snapshot when the configuration is the newest snapshot’s, when switched off, or for a stopped container', async () => {
  const same = harness({ newest: 'now', current: 'now' });
  same.auto.onStatus(status([{}]));
  await same.clock.advance(10 * MIN);
  same.auto.onStatus(status([{}]));
  await same.auto.idle();
  assert.deepEqual(same.taken, []);

  const off = harness();
  off.settings.emergency.snapshots.auto = false;
  off.auto.onStatus(status([{}]));
  await off.clock.advance(10 * MIN);
  off.auto.onStatus(status([{}]));
  const stopped = harness();
  stopped.auto.onStatus(status([{}, { state: 'exited', health: 'none' }]));
  await stopped.clock.advance(10 * MIN);
  stopped.auto.onStatus(status([{}, { state: 'exited', health: 'none' }]));
  await Promise.all([off.auto.idle(), stopped.auto.idle()]);
  assert.deepEqual([...off.taken, ...stopped.taken], []);
});

test('a failing snapshot is logged, never thrown into the status loop', async () => {
  const h = harness({ fail: true });
  h.auto.onStatus(status([{}]));
  await h.clock.advance(10 * MIN);
  assert.doesNotThrow(() => h.auto.onStatus(status([{}])));
  await h.auto.idle();
  assert.deepEqual(h.warnings, ['The automatic snapshot of stack demo failed: Docker went away']);
});

test('a status without a docker part (a core composed without the Docker module) is no error', async () => {
  const h = harness();
  const bare = { at: 0, overall: 'ok', checks: [] } as unknown as StatusSnapshot;
  assert.doesNotThrow(() => h.auto.onStatus(bare));
  await h.auto.idle();
  assert.deepEqual(h.taken, []);
});
