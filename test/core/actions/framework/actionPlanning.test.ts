import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { test } from 'node:test';
import { canonicalJson, planHash } from '../../../../electron/core/actions/planHash';
import { NotFoundError } from '../../../../electron/core/api/dispatcher';
import { RefusedError } from '../../../../electron/core/refusedError';
import { recordingSetup } from '../../../support/actionHarness';

const setup = recordingSetup;
const request = { action: 'disk' as const, params: {} };

test('a plan gets a url-safe id, the hash of what it shows, the settings TTL and the selected items’ bytes', async () => {
  const { h } = setup({ items: [{ id: 'a', bytes: 100 }, { id: 'b', bytes: 20 }, { id: 'c', bytes: 5, selected: false }, { id: 'd', bytes: null }] });
  const plan = await h.system.plan(request, 'cli');
  assert.match(plan.id, /^pl_[A-Za-z0-9_-]{16}$/);
  assert.equal(plan.hash, planHash(plan));
  assert.match(plan.hash, /^[0-9a-f]{64}$/);
  assert.equal(plan.createdAt, h.clock.now());
  assert.equal(plan.expiresAt, plan.createdAt + 900_000);
  assert.equal(plan.predictedBytes, 120);
  assert.deepEqual(h.system.get(plan.id), { plan, outcome: null });
  const [row] = h.auditRows();
  assert.equal(row.action, 'action.plan');
  assert.equal(row.outcome, 'planned');
  assert.deepEqual(row.details.itemIds, ['a', 'b', 'c', 'd']);
  assert.equal(row.details.predictedBytes, 120);
  const second = await h.system.plan(request, 'cli');
  assert.notEqual(second.id, plan.id);
  assert.equal(second.hash, plan.hash, 'the same host state plans to the same hash');
  assert.deepEqual(h.system.recent(10).map((r) => r.plan.id), [second.id, plan.id]);
});

test('the hash does not depend on key order, and changes with any shown item', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } }), '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  const item = { id: 'a', kind: 'k', name: 'n', bytes: 1, reason: 'r', selected: true, facts: { pid: 1, start: 2 } };
  const base = { action: 'disk' as const, params: {}, title: 't', items: [item], kept: [], refusals: [] };
  const reordered = { refusals: [], kept: [], items: [{ facts: { start: 2, pid: 1 }, selected: true, reason: 'r', bytes: 1, name: 'n', kind: 'k', id: 'a' }], title: 't', params: {}, action: 'disk' as const };
  assert.equal(planHash(base), planHash(reordered));
  assert.notEqual(planHash(base), planHash({ ...base, items: [{ ...item, facts: { pid: 1, start: 3 } }] }));
  assert.notEqual(planHash(base), planHash({ ...base, kept: [{ id: 'v', kind: 'volume', name: 'v', reason: 'kept' }] }));
});

test('execute refuses an unknown plan, a wrong hash, an expired plan, an unknown item and a second run, touching nothing', async () => {
  const { plugin, h } = setup({ items: [{ id: 'a' }, { id: 'b' }] });
  const plan = await h.system.plan(request, 'cli');
  assert.throws(() => h.system.execute({ planId: 'pl_doesnotexist0000', hash: plan.hash }, 'cli'), NotFoundError);
  assert.throws(() => h.system.execute({ planId: plan.id, hash: 'f'.repeat(64) }, 'cli'), (e: Error) => e instanceof RefusedError && /does not match plan/.test(e.message));
  assert.throws(
    () => h.system.execute({ planId: plan.id, hash: plan.hash, itemIds: ['a', 'image:sha256:nope'] }, 'cli'),
    (e: Error) => e instanceof RefusedError && e.message.includes('has no item image:sha256:nope'),
  );
  assert.throws(() => h.system.execute({ planId: plan.id, hash: plan.hash, itemIds: [] }, 'cli'), /nothing to execute/);
  assert.deepEqual(plugin.calls, [], 'a refused execution calls nothing');

  const fresh = await h.system.plan(request, 'cli');
  await h.system.execute({ planId: fresh.id, hash: fresh.hash }, 'cli').done;
  assert.throws(() => h.system.execute({ planId: fresh.id, hash: fresh.hash }, 'cli'), (e: Error) => e instanceof RefusedError && /already executed/.test(e.message));
  assert.deepEqual(plugin.executed, ['a', 'b'], 'the plan ran once');

  await h.clock.advance(900_000);
  assert.throws(() => h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli'), (e: Error) => e instanceof RefusedError && /made at .* and expired at .*plan again/.test(e.message));
  assert.deepEqual(plugin.executed, ['a', 'b']);
  const refusedRows = h.auditRows().filter((r) => r.action === 'action.execute' && r.details.refused);
  assert.equal(refusedRows.length, 5, 'each refused confirmation is audited');
});

test('a plan with refusals, or one altered in the history file, is refused before anything runs', async () => {
  const refusing = setup({ items: [{ id: 'a' }], refusals: ['Image sha256:1 of web is gone.'] });
  const plan = await refusing.h.system.plan(request, 'cli');
  assert.throws(() => refusing.h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli'), /cannot run: Image sha256:1 of web is gone\./);

  const { plugin, h } = setup({ items: [{ id: 'a' }] });
  const altered = await h.system.plan(request, 'cli');
  // Another writer of the file swaps the item the operator confirmed for another one, keeping the hash.
  const db = new Database(h.dbFile);
  const doc = { ...altered, items: [{ ...altered.items[0], id: 'container:someone-elses' }] };
  db.prepare('UPDATE action_plans SET doc = ? WHERE id = ?').run(JSON.stringify(doc), altered.id);
  db.close();
  assert.throws(() => h.system.execute({ planId: altered.id, hash: altered.hash }, 'cli'), /no longer matches its hash/);
  assert.deepEqual(plugin.calls, []);
});
