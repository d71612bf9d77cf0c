import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { recordingSetup, type ActionHarness } from '../../../support/actionHarness';
import { gate } from '../../../support/actionTestPlugin';
import { eventually } from '../../../support/eventually';

const setup = recordingSetup;
const request = { action: 'disk' as const, params: {} };
const states = (outcome: { items: { id: string; outcome: string }[] }) => outcome.items.map((i) => `${i.id}:${i.outcome}`);

test('exactly the confirmed items run, in plan order: the selected ones by default, else the ticked subset', async () => {
  const { plugin, h } = setup({ items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd', selected: false }] });
  const plan = await h.system.plan(request, 'cli');
  const outcome = await h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli').done;
  assert.deepEqual(plugin.executed, ['a', 'b', 'c']);
  assert.deepEqual(states(outcome), ['a:done', 'b:done', 'c:done']);
  assert.equal(outcome.state, 'succeeded');
  assert.equal(outcome.verified?.passed, true);

  plugin.executed.length = 0;
  const subset = await h.system.plan(request, 'cli');
  const picked = await h.system.execute({ planId: subset.id, hash: subset.hash, itemIds: ['d', 'a', 'd'] }, 'cli').done;
  assert.deepEqual(plugin.executed, ['a', 'd'], 'an unticked opt-in item runs when confirmed; duplicates run once; plan order');
  assert.deepEqual(states(picked), ['a:done', 'd:done']);
  assert.deepEqual(states(h.system.get(subset.id).outcome!), ['a:done', 'd:done'], 'the stored run is the confirmed set');
});

test('an item the plugin finds changed is reported skipped; nothing replaces it and the rest runs', async () => {
  const { plugin, h } = setup({ items: [{ id: 'a' }, { id: 'b', behave: () => ({ outcome: 'skipped', detail: 'changed since the plan: now used by container web' }) }, { id: 'c' }] });
  const plan = await h.system.plan(request, 'cli');
  const outcome = await h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli').done;
  assert.deepEqual(plugin.executed, ['a', 'b', 'c']);
  assert.deepEqual(states(outcome), ['a:done', 'b:skipped', 'c:done']);
  assert.equal(outcome.items[1].detail, 'changed since the plan: now used by container web');
  assert.equal(outcome.state, 'succeeded');
  assert.match(outcome.message ?? '', /1 of 3 items were skipped/);
});

test('a cancel stops before the next item: the one in flight ends, the rest are skipped', async () => {
  const release = gate();
  const started = gate();
  const { plugin, h } = setup({
    items: [
      {
        id: 'a',
        behave: async () => {
          started.open();
          await release.promise;
          return { outcome: 'done', detail: 'removed' };
        },
      },
      { id: 'b' },
      { id: 'c' },
    ],
  });
  const plan = await h.system.plan(request, 'cli');
  const run = h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli');
  await started.promise;
  assert.equal(h.system.cancel(plan.id), true);
  release.open();
  const outcome = await run.done;
  assert.deepEqual(plugin.executed, ['a']);
  assert.deepEqual(states(outcome), ['a:done', 'b:skipped', 'c:skipped']);
  assert.equal(outcome.items[1].detail, 'cancelled before this item');
  assert.equal(outcome.state, 'cancelled');
  assert.match(outcome.message ?? '', /Cancelled before thing b/);
  assert.equal(h.system.cancel(plan.id), false, 'nothing left to cancel');
});

test('a failed item stops the rest when the plugin says so (a rollback), and not otherwise (disk)', async () => {
  const failing = () => {
    throw new Error('the engine said: conflict');
  };
  const strict = setup({ items: [{ id: 'a' }, { id: 'b', behave: failing }, { id: 'c' }], stopOnFailure: true });
  const plan = await strict.h.system.plan(request, 'cli');
  const outcome = await strict.h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli').done;
  assert.deepEqual(strict.plugin.executed, ['a', 'b']);
  assert.deepEqual(states(outcome), ['a:done', 'b:failed', 'c:skipped']);
  assert.equal(outcome.items[1].detail, 'the engine said: conflict');
  assert.equal(outcome.items[2].detail, 'not run: an earlier item failed');
  assert.equal(outcome.state, 'failed');
  assert.ok(strict.plugin.calls.includes('verify'), 'what happened is still measured');

  const lenient = setup({ items: [{ id: 'a' }, { id: 'b', behave: failing }, { id: 'c' }] });
  const other = await lenient.h.system.plan(request, 'cli');
  const partial = await lenient.h.system.execute({ planId: other.id, hash: other.hash }, 'cli').done;
  assert.deepEqual(lenient.plugin.executed, ['a', 'b', 'c']);
  assert.equal(partial.state, 'partial');
});

test('the intent is durable before the first side effect; audit rows come in order', async () => {
  let seenAtFirstItem: { audit: string[]; items: string[] } | null = null;
  const box: { h?: ActionHarness } = {};
  const { h } = setup({
    items: [
      {
        id: 'a',
        behave: () => {
          // Another connection to the file: what a crash now would leave behind.
          const reader = new Database(box.h!.dbFile, { readonly: true });
          const items = reader.prepare('SELECT item_id AS id, state FROM action_items ORDER BY position').all() as { id: string; state: string }[];
          reader.close();
          seenAtFirstItem = { audit: box.h!.auditRows().map((r) => `${r.action}:${r.outcome}`), items: items.map((i) => `${i.id}:${i.state}`) };
          return { outcome: 'done', detail: 'removed', bytes: 1000 };
        },
      },
      { id: 'b' },
    ],
  });
  box.h = h;
  const plan = await h.system.plan(request, 'cli');
  await h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli').done;
  assert.deepEqual(seenAtFirstItem, { audit: ['action.plan:planned', 'action.execute:confirmed'], items: ['a:in-flight', 'b:pending'] });
  const rows = h.auditRows();
  assert.deepEqual(
    rows.map((r) => `${r.action}:${r.outcome}`),
    ['action.plan:planned', 'action.execute:confirmed', 'action.item:succeeded', 'action.item:succeeded', 'action.verify:succeeded', 'action.execute:succeeded'],
  );
  assert.deepEqual(rows[1].details.itemIds, ['a', 'b']);
  assert.equal(rows[2].details.itemId, 'a');
  assert.equal(rows[4].details.summary, '2 done');
});

test('live messages: the run at start, each item in flight and done, the verification, the end', async () => {
  const { h } = setup({ items: [{ id: 'a' }, { id: 'b' }] });
  const plan = await h.system.plan(request, 'cli');
  const run = h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli');
  assert.equal(run.outcome.state, 'running');
  assert.deepEqual(states(run.outcome), ['a:pending', 'b:pending']);
  const final = await run.done;
  const seen = h.messages.map((m) => `${m.state}|${states(m).join(',')}|${m.verified ? 'v' : '-'}`);
  assert.deepEqual(seen, [
    'running|a:pending,b:pending|-',
    'running|a:in-flight,b:pending|-',
    'running|a:done,b:pending|-',
    'running|a:done,b:in-flight|-',
    'running|a:done,b:done|-',
    'running|a:done,b:done|v',
    'succeeded|a:done,b:done|v',
  ]);
  assert.deepEqual(h.messages.at(-1), final);
});

test('a precondition refused in prepare touches nothing; a verification that throws fails the run', async () => {
  const refused = setup({ items: [{ id: 'a' }], prepareRefusals: ['Volume pgdata is missing.'] });
  const plan = await refused.h.system.plan(request, 'cli');
  const outcome = await refused.h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli').done;
  assert.equal(outcome.state, 'refused');
  assert.deepEqual(refused.plugin.executed, []);
  assert.deepEqual(states(outcome), ['a:skipped']);
  assert.match(outcome.message ?? '', /Volume pgdata is missing/);

  const unverified = setup({
    items: [{ id: 'a' }],
    verify: () => {
      throw new Error('df did not answer');
    },
  });
  const other = await unverified.h.system.plan(request, 'cli');
  const result = await unverified.h.system.execute({ planId: other.id, hash: other.hash }, 'cli').done;
  assert.equal(result.state, 'failed');
  assert.deepEqual(result.verified, { passed: false, summary: 'The verification failed: df did not answer', figures: {}, checks: [] });
});

test('stopping Opsbar aborts the call in flight: that item reads unknown, the rest are not run', async () => {
  const { plugin, h } = setup({
    items: [
      { id: 'a' },
      {
        id: 'b',
        behave: (_item, context) =>
          new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(new Error('aborted by the run')), { once: true })),
      },
      { id: 'c' },
    ],
  });
  const plan = await h.system.plan(request, 'cli');
  const run = h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli');
  await eventually('item b in flight', () => plugin.executed.includes('b'));
  await h.system.stop();
  const outcome = await run.done;
  assert.deepEqual(plugin.executed, ['a', 'b']);
  assert.deepEqual(states(outcome), ['a:done', 'b:unknown', 'c:skipped']);
  assert.equal(outcome.state, 'unknown');
  assert.ok(!plugin.calls.includes('verify'));
});

test('a big plan’s live messages are coalesced: the first change, then at most one per 250 ms, and the end', async () => {
  const held = gate();
  const reached = gate();
  const items = Array.from({ length: 150 }, (_, i) =>
    i === 75
      ? {
          id: `item:${i}`,
          behave: async () => {
            reached.open();
            await held.promise;
            return { outcome: 'done' as const, detail: 'done' };
          },
        }
      : { id: `item:${i}` },
  );
  const { h } = setup({ items });
  const plan = await h.system.plan(request, 'cli');
  const run = h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli');
  await reached.promise;
  assert.equal(h.messages.length, 1, 'the start at once; the changes since are held');
  await h.clock.advance(250);
  assert.equal(h.messages.length, 2);
  assert.deepEqual(
    [h.messages[1].items[74].outcome, h.messages[1].items[75].outcome, h.messages[1].items[76].outcome],
    ['done', 'in-flight', 'pending'],
    'the held message is the latest state',
  );
  held.open();
  const final = await run.done;
  assert.equal(h.messages.length, 3);
  assert.deepEqual(h.messages[2], final);
  assert.equal(final.items.filter((i) => i.outcome === 'done').length, 150);
});
