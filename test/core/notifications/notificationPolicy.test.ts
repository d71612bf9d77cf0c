import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideRepeats, decideTransitions, type PolicyContext, type PolicyMemory } from '../../../electron/core/notifications/notificationPolicy';
import { inQuietHours } from '../../../electron/core/notifications/quietHours';
import { notificationsSchema } from '../../../shared/config/alertsSettingsSchema';
import type { AlertSeverity, AlertTransition, Silence } from '../../../shared/types/alerts';
import { transition } from './alertFixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;

interface World {
  settings?: Record<string, unknown>;
  silenced?: boolean;
  maintenance?: boolean;
  /** Local minute of the day (quiet hours); default noon. */
  minute?: number;
  acknowledged?: boolean;
}

function context(now: number, world: World = {}): PolicyContext {
  const silence: Silence = { id: 1, kind: 'disk.free', subject: null, until: now + HOUR, reason: 'cleanup', createdAt: 0, createdBy: 'op' };
  return {
    settings: notificationsSchema.parse(world.settings ?? {}),
    now,
    silenceFor: () => (world.silenced ? silence : null),
    maintenanceActive: () => world.maintenance ?? false,
    minuteOfDay: () => world.minute ?? 12 * 60,
    acknowledged: () => world.acknowledged ?? false,
  };
}

/** Runs transitions in order on one memory; answers the reasons notified, in order. */
function run(steps: { at: number; t: AlertTransition[] }[], world: World = {}, memory: PolicyMemory = new Map()): string[] {
  const said: string[] = [];
  for (const step of steps) for (const n of decideTransitions(step.t, memory, context(step.at, world))) said.push(`${n.reason}:${n.severity}`);
  return said;
}

const fired = (severity: AlertSeverity, at = 0) => ({ at, t: [transition('fired', severity, at)] });
const resolved = (severity: AlertSeverity, at = 0) => ({ at, t: [transition('resolved', severity, at)] });

describe('notification policy', () => {
  const cases: { name: string; steps: { at: number; t: AlertTransition[] }[]; world?: World; expect: string[] }[] = [
    { name: 'firing notifies', steps: [fired('warning')], expect: ['firing:warning'] },
    { name: 'pending does not', steps: [{ at: 0, t: [transition('pending', 'critical')] }], expect: [] },
    {
      name: 'escalation notifies again',
      steps: [fired('warning'), { at: MIN, t: [transition('escalated', 'critical', MIN, {}, 'warning')] }],
      expect: ['firing:warning', 'escalated:critical'],
    },
    { name: 'deescalation is quiet', steps: [fired('critical'), { at: MIN, t: [transition('deescalated', 'warning', MIN)] }], expect: ['firing:critical'] },
    { name: 'recovery after a notified firing', steps: [fired('warning'), resolved('warning', 5 * MIN)], expect: ['firing:warning', 'recovered:warning'] },
    { name: 'no recovery without a notified firing', steps: [resolved('warning', 5 * MIN)], expect: [] },
    { name: 'recovery off', steps: [fired('warning'), resolved('warning', MIN)], world: { settings: { recovery: false } }, expect: ['firing:warning'] },
    { name: 'below minSeverity nothing, recovery neither', steps: [fired('info'), resolved('info', MIN)], expect: [] },
    { name: 'minSeverity critical drops a warning', steps: [fired('warning')], world: { settings: { minSeverity: 'critical' } }, expect: [] },
    {
      name: 'flapping: one notice, then quiet (no firing, no recovery) until stable',
      steps: [
        fired('warning'),
        { at: MIN, t: [transition('flapping', 'warning', MIN)] },
        { at: 2 * MIN, t: [transition('flapping', 'warning', 2 * MIN)] },
        resolved('warning', 3 * MIN),
        fired('warning', 4 * MIN),
        { at: 5 * MIN, t: [transition('escalated', 'critical', 5 * MIN, {}, 'warning')] },
        { at: 20 * MIN, t: [transition('stable', 'critical', 20 * MIN)] },
        { at: 21 * MIN, t: [transition('escalated', 'emergency', 21 * MIN, {}, 'critical')] },
      ],
      expect: ['firing:warning', 'flapping:warning', 'escalated:emergency'],
    },
    { name: 'a silence holds back a warning', steps: [fired('warning')], world: { silenced: true }, expect: [] },
    { name: 'a silence lets critical through', steps: [fired('critical')], world: { silenced: true }, expect: ['firing:critical'] },
    { name: 'maintenance holds back a warning', steps: [fired('warning')], world: { maintenance: true }, expect: [] },
    { name: 'maintenance lets emergency through', steps: [fired('emergency')], world: { maintenance: true }, expect: ['firing:emergency'] },
    { name: 'quiet hours hold back a warning at 23:30', steps: [fired('warning')], world: { settings: { quietHours: { enabled: true } }, minute: 23 * 60 + 30 }, expect: [] },
    { name: 'quiet hours across midnight hold back at 03:00', steps: [fired('warning')], world: { settings: { quietHours: { enabled: true } }, minute: 3 * 60 }, expect: [] },
    { name: 'quiet hours end at 07:00', steps: [fired('warning')], world: { settings: { quietHours: { enabled: true } }, minute: 7 * 60 }, expect: ['firing:warning'] },
    { name: 'quiet hours let critical through', steps: [fired('critical')], world: { settings: { quietHours: { enabled: true } }, minute: 3 * 60 }, expect: ['firing:critical'] },
    { name: 'a held-back firing is not sent later, nor its recovery', steps: [fired('warning'), resolved('warning', MIN)], world: { silenced: true }, expect: [] },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(run(c.steps, c.world), c.expect));

  test('a critical repeats every hour until its incident is acknowledged', () => {
    const memory: PolicyMemory = new Map();
    const world: World = {};
    run([fired('critical')], world, memory);
    const repeatsAt = (at: number) => decideRepeats(memory, context(at, world)).map((n) => `${n.reason}:${n.severity}`);
    assert.deepEqual(repeatsAt(59 * MIN), []);
    assert.deepEqual(repeatsAt(HOUR), ['repeat:critical']);
    assert.deepEqual(repeatsAt(HOUR + 30 * MIN), []);
    assert.deepEqual(repeatsAt(2 * HOUR), ['repeat:critical']);
    world.acknowledged = true;
    assert.deepEqual(repeatsAt(3 * HOUR), []);
  });

  test('a warning never repeats; a resolved critical stops repeating; repeatCritical 0 never', () => {
    const memory: PolicyMemory = new Map();
    run([fired('warning')], {}, memory);
    assert.deepEqual(decideRepeats(memory, context(2 * HOUR)), []);
    run([fired('critical'), resolved('critical', MIN)], {}, memory);
    assert.deepEqual(decideRepeats(memory, context(2 * HOUR)), []);
    const other: PolicyMemory = new Map();
    run([fired('critical')], {}, other);
    assert.deepEqual(decideRepeats(other, context(2 * HOUR, { settings: { repeatCritical: 0 } })), []);
  });

  test('quiet hours: within the day, across midnight, empty', () => {
    assert.equal(inQuietHours(13 * 60, '12:00', '14:00'), true);
    assert.equal(inQuietHours(14 * 60, '12:00', '14:00'), false);
    assert.equal(inQuietHours(22 * 60, '22:00', '07:00'), true);
    assert.equal(inQuietHours(0, '22:00', '07:00'), true);
    assert.equal(inQuietHours(12 * 60, '22:00', '07:00'), false);
    assert.equal(inQuietHours(5, '00:00', '00:00'), false);
  });
});
