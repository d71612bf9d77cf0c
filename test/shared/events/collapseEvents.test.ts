import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collapseEvents, formatSpan } from '../../../shared/events/collapseEvents';
import type { OpsEvent } from '../../../shared/types/events';

const T0 = Date.UTC(2026, 11, 2, 4, 0, 0);
let nextId = 1;

function event(kind: string, at: number, subject = 'demo-loop', severity: OpsEvent['severity'] = 'info'): OpsEvent {
  return { id: nextId++, at, source: 'docker', kind, severity, subject, message: `${subject} ${kind}`, attributes: {} };
}

/** A restart loop as Docker reports it: die → start pairs, `pairs` of them over `spanMs`; newest first. */
function restartLoop(pairs: number, spanMs: number, subject = 'demo-loop', from = T0): OpsEvent[] {
  const step = spanMs / (pairs * 2 - 1);
  const list: OpsEvent[] = [];
  for (let i = 0; i < pairs * 2; i++) list.push(event(i % 2 === 0 ? 'container.die' : 'container.start', from + i * step, subject, i % 2 === 0 ? 'critical' : 'info'));
  return list.reverse();
}

describe('collapseEvents', () => {
  it('folds a restart flood into one row with the restart count and span', () => {
    const rows = collapseEvents(restartLoop(6, 20_000));
    assert.equal(rows.length, 1);
    const row = rows[0];
    assert.equal(row.type, 'restarts');
    if (row.type !== 'restarts') return;
    assert.equal(row.message, 'demo-loop restarted 6 times in 20 s');
    assert.equal(row.restarts, 6);
    assert.equal(row.severity, 'critical');
    assert.equal(row.events.length, 12);
  });

  it('counts only starts that follow a die or kill', () => {
    // Newest first: start, restart, start, die, kill → kill/die then start = 1; the second start without a die does not count.
    const list = [event('container.start', T0 + 4000), event('container.start', T0 + 3000), event('container.die', T0 + 2000), event('container.kill', T0 + 1000)];
    const rows = collapseEvents(list, { minRestarts: 1 });
    assert.equal(rows.length, 1);
    assert.equal(rows[0].type === 'restarts' && rows[0].restarts, 1);
    assert.equal(rows[0].type === 'restarts' && rows[0].message, 'demo-loop restarted 1 time in 3 s');
  });

  it('leaves one restart, other kinds and other subjects as they are', () => {
    const single = restartLoop(1, 2_000);
    assert.deepEqual(
      collapseEvents(single).map((r) => r.type),
      ['event', 'event'],
    );
    const health = event('container.health_status', T0 + 30_000, 'demo-loop', 'warning');
    const rows = collapseEvents([health, ...restartLoop(3, 9_000, 'api'), ...restartLoop(3, 9_000, 'db', T0 - 60_000)]);
    assert.deepEqual(
      rows.map((r) => (r.type === 'event' ? r.event.kind : r.message)),
      ['container.health_status', 'api restarted 3 times in 9 s', 'db restarted 3 times in 9 s'],
    );
  });

  it('breaks a flood at a long gap, and keeps other events between as their own rows', () => {
    const early = restartLoop(2, 4_000, 'demo-loop', T0);
    const late = restartLoop(2, 4_000, 'demo-loop', T0 + 10 * 60_000);
    const rows = collapseEvents([...late, ...early]);
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.type === 'restarts' && r.restarts === 2));
    // A check that changed and another container's die in the middle of the flood: the flood is still one row, at its newest event.
    const [a, b, c, d] = restartLoop(2, 6_000);
    const check = event('check.changed', T0 + 3_000, 'Stack demo', 'warning');
    const other = event('container.die', T0 + 2_500, 'demo-api', 'critical');
    const mixed = collapseEvents([a, b, check, other, c, d]);
    assert.deepEqual(
      mixed.map((r) => (r.type === 'event' ? `${r.event.subject} ${r.event.kind}` : r.message)),
      ['demo-loop restarted 2 times in 6 s', 'Stack demo check.changed', 'demo-api container.die'],
    );
  });

  it('keeps its key while the flood grows, so the row is not re-created', () => {
    const loop = restartLoop(3, 6_000);
    const before = collapseEvents(loop)[0];
    const grown = collapseEvents([event('container.start', T0 + 7_000), event('container.die', T0 + 6_500), ...loop])[0];
    assert.equal(before.key, grown.key);
    assert.equal(grown.type === 'restarts' && grown.restarts, 4);
  });

  it('words spans in seconds, minutes and hours', () => {
    assert.equal(formatSpan(20_400), '20 s');
    assert.equal(formatSpan(185_000), '3 min');
    assert.equal(formatSpan(7_200_000), '2 h');
  });
});
