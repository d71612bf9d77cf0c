import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClock } from '../../support/testClock';
import { MINUTE, openIncidentHarness } from './incidentHarness';

const local = (day: number, hour = 0, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

test('weekly stats: Monday 00:00 local weeks, incidents opened in each, and the mean time to recover of those resolved in it', () => {
  // Wednesday 18 November 2026, noon local time.
  const h = openIncidentHarness({ clock: new TestClock(local(18, 12)) });
  const log = h.store.incidents;
  const add = (openedAt: number, resolvedAt: number | null) => {
    const row = log.create({ title: 't', severity: 'warning', group: `g${openedAt}`, at: openedAt });
    if (resolvedAt !== null) log.update(row.id, { state: 'resolved', resolvedAt, resolvedBy: 'auto' });
  };
  add(local(1, 10), local(1, 11)); // week of 26 Oct: before the 3 weeks asked for
  add(local(8, 23, 50), local(9, 0, 10)); // opened Sunday 8th (week of 2 Nov), resolved Monday 9th 00:10 (week of 9 Nov): 20 min
  add(local(10, 9), local(10, 9, 30)); // week of 9 Nov: 30 min
  add(local(16, 0, 0), local(16, 0, 40)); // Monday 16th 00:00 exactly: this week, 40 min
  add(local(17, 8), null); // still open
  assert.deepEqual(h.incidents.weekly(3), [
    { weekStart: local(2), opened: 1, resolved: 0, mttrMs: null },
    { weekStart: local(9), opened: 1, resolved: 2, mttrMs: 25 * MINUTE },
    { weekStart: local(16), opened: 2, resolved: 1, mttrMs: 40 * MINUTE },
  ]);
  h.close();
});

test('incidents list open ones first, newest first, then resolved ones newest first', () => {
  const h = openIncidentHarness();
  const log = h.store.incidents;
  const t0 = h.clock.now();
  const ids = [0, 1, 2, 3].map((i) => log.create({ title: `#${i}`, severity: 'warning', group: `g${i}`, at: t0 + i * MINUTE }).id);
  log.update(ids[1], { state: 'resolved', resolvedAt: t0 + 10 * MINUTE, resolvedBy: 'cli' });
  log.update(ids[3], { state: 'resolved', resolvedAt: t0 + 10 * MINUTE, resolvedBy: 'cli' });
  assert.deepEqual(h.incidents.list({ state: 'all', limit: 10 }).map((i) => i.id), [ids[2], ids[0], ids[3], ids[1]]);
  assert.deepEqual(h.incidents.list({ state: 'resolved', limit: 1 }).map((i) => i.id), [ids[3]]);
  assert.deepEqual(h.incidents.list({ state: 'open', limit: 10 }).map((i) => i.id), [ids[2], ids[0]]);
  h.close();
});
