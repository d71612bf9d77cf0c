import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotFoundError } from '../../../electron/core/api/dispatcher';
import { alertView, MINUTE, openIncidentHarness, transition } from './incidentHarness';

test('a warning that fires opens an incident titled by its alert; an info alert opens none', () => {
  const h = openIncidentHarness();
  const t0 = h.clock.now();
  h.incidents.onTransitions([transition('fired', alertView('disk.free', 'disk:/', { severity: 'info', summary: '18% free' }), t0)]);
  assert.deepEqual(h.incidents.list({ state: 'all', limit: 10 }), []);

  const loop = alertView('container.restart_loop', 'demo-loop', { group: 'stack:demo' });
  h.incidents.onTransitions([transition('fired', loop, t0)]);
  const [incident] = h.incidents.list({ state: 'all', limit: 10 });
  assert.equal(incident.title, 'demo-loop — restarted 6 times in 10 min');
  assert.deepEqual([incident.state, incident.severity, incident.group, incident.alertCount, incident.firingCount], ['open', 'warning', 'stack:demo', 1, 1]);
  assert.deepEqual(h.links, [[loop.key, incident.id]]);
  assert.deepEqual(h.incidents.forAlert(loop.key), { id: incident.id, acknowledged: false });
  assert.equal(h.published.filter((m) => m.type === 'incident').length, 1);
  assert.deepEqual(h.incidents.get(incident.id).timeline.map((e) => e.type), ['opened', 'alert-fired']);
  h.close();
});

test('related alerts join within the join window, other groups and later alerts get their own incident', () => {
  const h = openIncidentHarness();
  const t0 = h.clock.now();
  h.incidents.onTransitions([transition('fired', alertView('container.restart_loop', 'demo-loop', { group: 'stack:demo' }), t0)]);
  h.incidents.onTransitions([transition('fired', alertView('container.unhealthy', 'demo-web', { group: 'stack:demo' }), t0 + 3 * MINUTE)]);
  h.incidents.onTransitions([transition('fired', alertView('gpu.memory', 'gpu:0', { group: 'gpu:0', severity: 'critical' }), t0 + 4 * MINUTE)]);
  const list = h.incidents.list({ state: 'all', limit: 10 });
  assert.equal(list.length, 2, 'the GPU alert is a separate incident');
  const demo = list.find((i) => i.group === 'stack:demo');
  assert.equal(demo?.alertCount, 2);
  assert.deepEqual(demo?.kinds, ['container.restart_loop', 'container.unhealthy']);

  // The demo incident resolves; 30 minutes later a demo alert is a new incident (outside the window).
  for (const subject of ['demo-loop', 'demo-web']) {
    const kind = subject === 'demo-loop' ? 'container.restart_loop' : 'container.unhealthy';
    h.incidents.onTransitions([transition('resolved', alertView(kind, subject, { group: 'stack:demo', state: 'resolved' }), t0 + 5 * MINUTE)]);
  }
  h.incidents.onTransitions([transition('fired', alertView('container.unhealthy', 'demo-web', { group: 'stack:demo' }), t0 + 35 * MINUTE)]);
  assert.equal(h.incidents.list({ state: 'all', limit: 10 }).filter((i) => i.group === 'stack:demo').length, 2);
  h.close();
});

test('escalation raises the severity, and when all alerts resolve the incident resolves with its time to recover', () => {
  const h = openIncidentHarness();
  const t0 = h.clock.now();
  const disk = alertView('disk.free', 'disk:/', { group: 'disk:/', label: 'Disk /', summary: '9% free' });
  const inodes = alertView('disk.inodes', 'disk:/', { group: 'disk:/', label: 'Inodes /', summary: '8% free' });
  h.incidents.onTransitions([transition('fired', disk, t0), transition('fired', inodes, t0 + MINUTE)]);
  const id = h.incidents.list({ state: 'open', limit: 10 })[0].id;
  h.incidents.onTransitions([transition('escalated', { ...disk, severity: 'emergency' }, t0 + 2 * MINUTE, 'warning')]);
  h.incidents.onTransitions([transition('deescalated', { ...disk, severity: 'warning' }, t0 + 3 * MINUTE, 'emergency')]);
  assert.equal(h.incidents.get(id).severity, 'emergency', 'the worst reached stays');

  h.incidents.onTransitions([transition('resolved', disk, t0 + 10 * MINUTE)]);
  assert.equal(h.incidents.get(id).state, 'open', 'one alert still fires');
  assert.equal(h.incidents.get(id).firingCount, 1);
  h.incidents.onTransitions([transition('resolved', inodes, t0 + 12 * MINUTE)]);
  const resolved = h.incidents.get(id);
  assert.deepEqual([resolved.state, resolved.resolvedBy, resolved.resolvedAt, resolved.ttrMs], ['resolved', 'auto', t0 + 12 * MINUTE, 12 * MINUTE]);
  assert.deepEqual(h.links.slice(-2), [[disk.key, null], [inodes.key, null]]);
  assert.equal(h.incidents.forAlert(disk.key), null);
  assert.deepEqual(
    resolved.timeline.map((e) => e.type),
    ['opened', 'alert-fired', 'alert-fired', 'alert-escalated', 'alert-resolved', 'alert-resolved', 'resolved'],
  );
  h.close();
});

test('an alert that fires again rejoins its open incident, and within the join window reopens a resolved one', () => {
  const h = openIncidentHarness();
  const t0 = h.clock.now();
  const loop = alertView('container.restart_loop', 'demo-loop', { group: 'stack:demo' });
  const web = alertView('container.unhealthy', 'demo-web', { group: 'stack:demo' });
  h.incidents.onTransitions([transition('fired', loop, t0), transition('fired', web, t0)]);
  const id = h.incidents.list({ state: 'open', limit: 1 })[0].id;
  h.incidents.onTransitions([transition('resolved', loop, t0 + MINUTE)]);
  // Still open (demo-web fires), even 20 minutes on: demo-loop rejoins it.
  h.incidents.onTransitions([transition('fired', loop, t0 + 20 * MINUTE)]);
  assert.equal(h.incidents.list({ state: 'all', limit: 10 }).length, 1);
  assert.equal(h.incidents.get(id).firingCount, 2);

  h.incidents.onTransitions([transition('resolved', loop, t0 + 21 * MINUTE), transition('resolved', web, t0 + 22 * MINUTE)]);
  assert.equal(h.incidents.get(id).state, 'resolved');
  h.incidents.onTransitions([transition('fired', loop, t0 + 27 * MINUTE)]);
  const reopened = h.incidents.get(id);
  assert.equal(h.incidents.list({ state: 'all', limit: 10 }).length, 1, 'no new incident');
  assert.deepEqual([reopened.state, reopened.resolvedAt, reopened.resolvedBy, reopened.firingCount], ['open', null, null, 1]);
  assert.ok(reopened.timeline.some((e) => e.type === 'reopened'));
  h.incidents.onTransitions([transition('resolved', loop, t0 + 30 * MINUTE)]);
  assert.equal(h.incidents.get(id).ttrMs, 30 * MINUTE, 'the time to recover spans the whole outage');
  h.close();
});

test('a manual resolve is recorded with who did it and says which alerts still fire; ack, note and resolve write audit rows', () => {
  const h = openIncidentHarness();
  const t0 = h.clock.now();
  h.incidents.onTransitions([transition('fired', alertView('container.unhealthy', 'demo-web', { label: 'demo-web', summary: 'is unhealthy' }), t0)]);
  const id = h.incidents.list({ state: 'open', limit: 1 })[0].id;
  h.clock.jump(4 * MINUTE);
  assert.equal(h.incidents.ack(id, 'dashboard').ttaMs, 4 * MINUTE);
  h.clock.jump(MINUTE);
  assert.equal(h.incidents.ack(id, 'cli').acknowledgedBy, 'dashboard', 'acknowledged once');
  h.incidents.note(id, 'restarted the proxy', 'cli');
  const resolved = h.incidents.resolve(id, 'cli', 'fixed by hand');
  assert.deepEqual([resolved.state, resolved.resolvedBy, resolved.ttrMs], ['resolved', 'cli', 5 * MINUTE]);
  const entry = resolved.timeline.find((e) => e.type === 'resolved');
  assert.match(entry?.text ?? '', /Resolved by cli: fixed by hand\. Its alert \(demo-web\) still fire/);
  const audit = h.store.auditLog.query({ kind: 'incident', limit: 10 });
  assert.deepEqual(
    audit.map((a) => [a.action, a.actor, a.target]),
    [
      ['incident.resolve', 'cli', `incident #${id}`],
      ['incident.note', 'cli', `incident #${id}`],
      ['incident.ack', 'dashboard', `incident #${id}`],
    ],
  );
  assert.throws(() => h.incidents.ack(42, 'cli'), (error) => error instanceof NotFoundError && error.message === 'No incident 42.');
  assert.throws(() => h.incidents.get(42), /No incident 42\./);
  h.close();
});

test('an ack written through a second store on the same file is seen by the first one at once', () => {
  const app = openIncidentHarness();
  const key = 'container.unhealthy|demo-web';
  app.incidents.onTransitions([transition('fired', alertView('container.unhealthy', 'demo-web'), app.clock.now())]);
  const id = app.incidents.forAlert(key)?.id as number;
  assert.equal(app.incidents.forAlert(key)?.acknowledged, false);
  const cli = openIncidentHarness({ file: app.file, clock: app.clock });
  cli.incidents.ack(id, 'cli');
  cli.close();
  assert.deepEqual(app.incidents.forAlert(key), { id, acknowledged: true });
  assert.equal(app.incidents.get(id).acknowledgedBy, 'cli');
  app.close();
});

test('an incident title says its alert once: a summary naming its subject stands alone, another gets the label in front', () => {
  const h = openIncidentHarness();
  const t0 = h.clock.now();
  const loop = alertView('container.restart_loop', 'demo-loop', { group: 'stack:demo', label: 'demo-loop (stack demo)', summary: 'demo-loop restarted 3 times in 10 min', severity: 'critical' });
  const disk = alertView('disk.free', 'disk:/', { group: 'disk:/', label: 'Disk /', summary: '3.1 GB free (98% used)', severity: 'critical' });
  h.incidents.onTransitions([transition('fired', loop, t0), transition('fired', disk, t0)]);
  assert.deepEqual(h.incidents.list({ state: 'all', limit: 10 }).map((i) => i.title).sort(), ['Disk / — 3.1 GB free (98% used)', 'demo-loop restarted 3 times in 10 min']);
});
