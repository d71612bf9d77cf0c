import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunHead } from '../../../shared/types/runbooks';
import { MAX_TIMELINE_ENTRIES } from '../../../electron/core/incidents/incidentTimeline';
import { alertView, dockerEvent, MINUTE, openIncidentHarness, transition } from './incidentHarness';

test("a restart flood collapses into one entry per event kind a minute: 'demo-loop: container.start ×6'", () => {
  const h = openIncidentHarness();
  const t0 = h.clock.now();
  h.incidents.onTransitions([transition('fired', alertView('container.restart_loop', 'demo-loop', { group: 'stack:demo' }), t0)]);
  const id = h.incidents.list({ state: 'open', limit: 1 })[0].id;
  h.clock.jump(3 * MINUTE);
  for (let i = 0; i < 6; i++) {
    h.incidents.onEvent(dockerEvent('container.die', 'demo-loop', t0 + i * 5_000));
    h.incidents.onEvent(dockerEvent('container.start', 'demo-loop', t0 + i * 5_000 + 1_000));
  }
  // Another container of the stack (matched by its compose project), an unrelated one, and the flood a minute later.
  h.incidents.onEvent(dockerEvent('container.die', 'demo-db', t0 + 40_000, { project: 'demo' }));
  h.incidents.onEvent(dockerEvent('container.die', 'other', t0 + 41_000, { project: 'other' }));
  h.incidents.onEvent(dockerEvent('container.start', 'demo-loop', t0 + 2 * MINUTE));
  const events = h.incidents.get(id).timeline.filter((e) => e.type === 'event').map((e) => e.text);
  assert.deepEqual(events, ['demo-loop: container.die ×6', 'demo-loop: container.start ×6', 'demo-db: container.die: demo-db container.die', 'demo-loop: container.start: demo-loop container.start']);
  h.close();
});

test('an event stamped ahead of Opsbar’s clock is placed at its now', () => {
  const h = openIncidentHarness();
  const t0 = h.clock.now();
  h.incidents.onTransitions([transition('fired', alertView('container.unhealthy', 'demo-web'), t0)]);
  h.incidents.onEvent(dockerEvent('container.health_status', 'demo-web', t0 + 90_000));
  const [entry] = h.incidents.get(h.incidents.list({ state: 'open', limit: 1 })[0].id).timeline.filter((e) => e.type === 'event');
  assert.equal(entry.at, t0);
  h.close();
});

test(`a timeline keeps ${MAX_TIMELINE_ENTRIES} entries, then counts the rest in one entry; a resolve is still recorded`, () => {
  const h = openIncidentHarness();
  const t0 = h.clock.now();
  const alert = alertView('container.unhealthy', 'demo-web');
  h.incidents.onTransitions([transition('fired', alert, t0)]);
  const id = h.incidents.list({ state: 'open', limit: 1 })[0].id;
  for (let i = 0; i < MAX_TIMELINE_ENTRIES + 48; i++) h.incidents.onEvent(dockerEvent(`container.kind${i}`, 'demo-web', t0));
  h.incidents.onTransitions([transition('resolved', alert, t0 + MINUTE)]);
  h.incidents.onEvent(dockerEvent('container.late', 'demo-web', t0 + MINUTE));
  const timeline = h.incidents.get(id).timeline;
  const overflow = timeline.filter((e) => e.details.overflow === true);
  // opened + fired + 998 events = 1000; 51 more are counted (50 events and the alert-resolved entry).
  assert.equal(overflow.length, 1);
  assert.equal(overflow[0].text, '51 more events not recorded (a timeline keeps 1000 entries)');
  assert.equal(timeline.length, MAX_TIMELINE_ENTRIES + 2);
  assert.equal(timeline.at(-1)?.type, 'resolved');
  h.close();
});

test('a runbook run for the incident’s alert kinds is on its timeline once when it starts and once when it ends; notifications too', () => {
  const h = openIncidentHarness();
  h.runbooks.push({ id: 'container-restart-loop', title: 'Restart loop', triggers: ['container.restart_loop'] });
  h.runbooks.push({ id: 'disk-cleanup', title: 'Disk cleanup', triggers: ['disk.free'] });
  const t0 = h.clock.now();
  h.incidents.onTransitions([transition('fired', alertView('container.restart_loop', 'demo-loop'), t0)]);
  const id = h.incidents.list({ state: 'open', limit: 1 })[0].id;
  const run = (runbookId: string, state: RunHead['state'], endedAt: number | null): RunHead => ({
    id: runbookId === 'disk-cleanup' ? 8 : 7, runbookId, runbookTitle: runbookId, hash: 'h', trigger: 'tray', startedBy: 'app', mode: 'auto', state,
    startedAt: t0 + 1_000, endedAt, currentStep: 0, stepCount: 3, summary: state === 'succeeded' ? '3 steps passed' : 'running', params: {}, wait: null, suggestedRunbook: null, notes: '',
  });
  for (let step = 0; step < 3; step++) h.incidents.onRunbookRun(run('container-restart-loop', 'running', null));
  h.incidents.onRunbookRun(run('disk-cleanup', 'running', null));
  h.incidents.onRunbookRun(run('container-restart-loop', 'succeeded', t0 + 9_000));
  h.incidents.onRunbookRun(run('container-restart-loop', 'succeeded', t0 + 9_000));
  h.incidents.onNotification({ id: 'n1', at: t0 + 2_000, reason: 'firing', severity: 'warning', title: 'demo-loop restarted', body: '', alertKey: 'container.restart_loop|demo-loop', kind: 'container.restart_loop', subject: 'demo-loop', incidentId: null, host: 'h' });
  const entries = h.incidents.get(id).timeline.filter((e) => e.type === 'runbook' || e.type === 'notification').map((e) => e.text);
  assert.deepEqual(entries, [
    'Runbook container-restart-loop started (run #7, tray)',
    'Notified (firing): demo-loop restarted',
    'Runbook container-restart-loop succeeded (run #7): 3 steps passed',
  ]);
  assert.deepEqual(h.incidents.get(id).runbooks, [{ id: 'container-restart-loop', title: 'Restart loop' }]);
  h.close();
});
