import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActionName, ActionOutcome, ActionPlan } from '../../../shared/types/actions';
import { alertView, MINUTE, openIncidentHarness, transition, type IncidentHarness } from './incidentHarness';

function plan(action: ActionName, title: string, params: Record<string, unknown> = {}): ActionPlan {
  return {
    id: `plan-${action}-${String(params.stack ?? 'host')}`, hash: 'f'.repeat(64), action, title, params, createdAt: 0, expiresAt: 0,
    items: [], kept: [], predictedBytes: 0, notes: [], refusals: [],
  };
}

function outcome(of: ActionPlan, state: ActionOutcome['state'], at: { startedAt: number; finishedAt?: number }, summary?: string): ActionOutcome {
  const item = (n: number) => ({ id: `item-${n}`, outcome: state === 'running' ? ('pending' as const) : ('done' as const), detail: '', bytes: null, at: null });
  return {
    planId: of.id, action: of.action, state, actor: 'dashboard', startedAt: at.startedAt, finishedAt: at.finishedAt ?? null,
    items: [item(1), item(2), item(3)],
    verified: summary ? { passed: state === 'succeeded', summary, figures: { freeBytesAfter: 1 }, checks: [] } : null,
    message: null, rollForwardSnapshotId: null,
  };
}

/** Open incidents: a full disk, full GPU memory, and an unhealthy container in each of two stacks. */
function openIncidents(h: IncidentHarness) {
  const t0 = h.clock.now();
  h.incidents.onTransitions([
    transition('fired', alertView('disk.free', '/', { module: 'system' }), t0),
    transition('fired', alertView('gpu.memory', 'gpu0', { module: 'gpu' }), t0),
    transition('fired', alertView('container.unhealthy', 'demo-web', { group: 'stack:demo' }), t0),
    transition('fired', alertView('container.unhealthy', 'other-web', { group: 'stack:other' }), t0),
  ]);
  const idOf = (kind: string, subject: string) => h.store.incidents.openOfAlert(`${kind}|${subject}`)!.id;
  return { t0, disk: idOf('disk.free', '/'), gpu: idOf('gpu.memory', 'gpu0'), demo: idOf('container.unhealthy', 'demo-web'), other: idOf('container.unhealthy', 'other-web') };
}

const actionEntries = (h: IncidentHarness, id: number) => h.incidents.get(id).timeline.filter((e) => e.type === 'action').map((e) => [e.at, e.actor, e.text]);

test('a disk action run is on the disk incident’s timeline once when it starts and once when it ends, and on no other', () => {
  const h = openIncidentHarness();
  const { t0, disk, gpu, demo, other } = openIncidents(h);
  const freeDisk = plan('disk', 'Free disk space');
  h.clock.jump(MINUTE);
  const start = t0 + MINUTE;
  // The framework reports the start, every item and the end: the timeline keeps the start and the end.
  for (let i = 0; i < 3; i++) h.incidents.onActionRun(outcome(freeDisk, 'running', { startedAt: start }), freeDisk);
  h.incidents.onActionRun(outcome(freeDisk, 'succeeded', { startedAt: start, finishedAt: start + 5_000 }, 'Freed 3.2 GB on /'), freeDisk);
  h.incidents.onActionRun(outcome(freeDisk, 'succeeded', { startedAt: start, finishedAt: start + 5_000 }, 'Freed 3.2 GB on /'), freeDisk);
  assert.deepEqual(actionEntries(h, disk), [
    [start, 'dashboard', 'Emergency action Free disk space started by dashboard (3 items)'],
    [start + 5_000, 'dashboard', 'Emergency action Free disk space succeeded: Freed 3.2 GB on /'],
  ]);
  for (const id of [gpu, demo, other]) assert.deepEqual(actionEntries(h, id), [], `incident #${id} is not relieved by freeing disk space`);
  const entry = h.incidents.get(disk).timeline.find((e) => e.type === 'action' && e.text.includes('succeeded'));
  assert.deepEqual(entry?.details, { planId: freeDisk.id, action: 'disk', state: 'succeeded', items: 3, figures: { freeBytesAfter: 1 } });
  const published = h.published.filter((m) => m.type === 'incident' && m.incident.id === disk);
  assert.ok(published.length >= 2, 'each new entry publishes the incident');
  h.close();
});

test('a GPU action goes to the GPU memory incident; a rollback of stack demo to stack:demo only; a failure says why', () => {
  const h = openIncidentHarness();
  const { t0, disk, gpu, demo, other } = openIncidents(h);
  const relieve = plan('gpu', 'Relieve GPU memory');
  h.incidents.onActionRun(outcome(relieve, 'failed', { startedAt: t0, finishedAt: t0 + 1_000 }, 'not released'), relieve);
  const rollback = plan('rollback', 'Roll back demo to 2026-11-18 11:00', { stack: 'demo' });
  h.incidents.onActionRun(outcome(rollback, 'running', { startedAt: t0 + 2_000 }), rollback);
  const interrupted = { ...outcome(rollback, 'unknown', { startedAt: t0 + 2_000, finishedAt: t0 + 9_000 }), message: 'outcome unknown after a restart' };
  h.incidents.onActionRun(interrupted, rollback);
  assert.deepEqual(actionEntries(h, gpu), [[t0 + 1_000, 'dashboard', 'Emergency action Relieve GPU memory failed: not released']], 'an end seen without its start is still recorded');
  assert.deepEqual(actionEntries(h, demo).map((e) => e[2]), [
    'Emergency action Roll back demo to 2026-11-18 11:00 started by dashboard (3 items)',
    'Emergency action Roll back demo to 2026-11-18 11:00 outcome unknown: outcome unknown after a restart',
  ]);
  for (const id of [disk, other]) assert.deepEqual(actionEntries(h, id), [], `incident #${id}`);
  h.close();
});

test('a resolved incident gets no action entries; the open ones still do', () => {
  const h = openIncidentHarness();
  const { t0, disk, gpu } = openIncidents(h);
  h.incidents.resolve(disk, 'operator');
  const freeDisk = plan('disk', 'Free disk space');
  h.incidents.onActionRun(outcome(freeDisk, 'running', { startedAt: t0 }), freeDisk);
  const relieve = plan('gpu', 'Relieve GPU memory');
  h.incidents.onActionRun(outcome(relieve, 'running', { startedAt: t0 }), relieve);
  assert.deepEqual(actionEntries(h, disk), []);
  assert.deepEqual(actionEntries(h, gpu).map((e) => e[2]), ['Emergency action Relieve GPU memory started by dashboard (3 items)']);
  h.close();
});
