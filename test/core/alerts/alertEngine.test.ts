// The alert state machine on an injected clock: a table of cases, each a list of moments
// (time offset, what holds) and the changes expected at each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertsSchema } from '../../../shared/config/alertsSettingsSchema';
import type { AlertCondition, AlertSeverity } from '../../../shared/types/alerts';
import { AlertEngine, type EngineSettings } from '../../../electron/core/alerts/alertEngine';
import { ruleFor } from '../../../electron/core/alerts/defaultRules';

const T0 = 1_700_000_000_000;
const s = 1000;
const m = 60 * s;

function settingsOf(config: unknown = {}): EngineSettings {
  const alerts = alertsSchema.parse(config);
  return {
    ruleFor: (kind) => ruleFor(kind, alerts),
    flapping: { transitions: alerts.flapping.transitions, windowMs: alerts.flapping.window, stableForMs: alerts.flapping.stableFor },
  };
}

function cond(kind: string, severity: AlertSeverity | null, extra: Partial<AlertCondition> = {}): AlertCondition {
  return { kind, subject: 'x', module: 'system', label: kind, summary: '', severity, group: null, ...extra };
}

function disk(freePercent: number): AlertCondition {
  const measure = { value: freePercent, direction: 'below' as const, warning: 15, critical: 5, emergency: 2, unit: '%' };
  const severity = freePercent <= 2 ? 'emergency' : freePercent <= 5 ? 'critical' : freePercent <= 15 ? 'warning' : null;
  return cond('disk.free', severity, { subject: 'disk:/', measure });
}

type Moment = [atMs: number, conditions: AlertCondition[], expected: string[]];

interface Case {
  name: string;
  config?: unknown;
  moments: Moment[];
}

const CASES: Case[] = [
  {
    name: 'for: memory.high waits 2 min pending, then fires',
    moments: [
      [0, [cond('memory.high', 'warning')], ['pending']],
      [119 * s, [cond('memory.high', 'warning')], []],
      [120 * s, [cond('memory.high', 'warning')], ['fired']],
    ],
  },
  {
    name: 'a pending alert whose condition clears is cancelled, nothing fires',
    moments: [
      [0, [cond('gpu.memory', 'warning')], ['pending']],
      [30 * s, [], ['cancelled']],
      [90 * s, [], []],
    ],
  },
  {
    name: 'clearFor: a firing alert resolves only after 1 min clear; a relapse resets the wait',
    moments: [
      [0, [cond('container.exited', 'critical')], ['fired']],
      [10 * s, [], []],
      [50 * s, [cond('container.exited', 'critical')], []],
      [60 * s, [], []],
      [119 * s, [], []],
      [120 * s, [], ['resolved']],
    ],
  },
  {
    name: 'margin: a disk that fired below 15 % free clears only at 17 % or more',
    config: { rules: { 'disk.free': { clearFor: 0 } } },
    moments: [
      [0, [disk(14)], ['fired']],
      [10 * s, [disk(16)], []],
      [20 * s, [disk(16.9)], []],
      [30 * s, [disk(17)], ['resolved']],
    ],
  },
  {
    name: 'escalation and de-escalation while firing (margins hold the lower levels)',
    config: { rules: { 'disk.free': { clearFor: 0 } } },
    moments: [
      [0, [disk(10)], ['fired']],
      [10 * s, [disk(4)], ['escalated']],
      [20 * s, [disk(1)], ['escalated']],
      [30 * s, [disk(3)], []],
      [40 * s, [disk(8)], ['deescalated']],
      [50 * s, [disk(20)], ['resolved']],
    ],
  },
  {
    name: 'emergencyAfter: a configured model endpoint down escalates to emergency 5 min after it fired',
    moments: [
      [0, [cond('model.down', 'critical')], ['pending']],
      [30 * s, [cond('model.down', 'critical')], ['fired']],
      [5 * m + 29 * s, [cond('model.down', 'critical')], []],
      [5 * m + 30 * s, [cond('model.down', 'critical')], ['escalated']],
    ],
  },
  {
    name: 'an autodetected endpoint down (warning) never escalates',
    moments: [
      [0, [cond('model.down', 'warning')], ['pending']],
      [30 * s, [cond('model.down', 'warning')], ['fired']],
      [60 * m, [cond('model.down', 'warning')], []],
    ],
  },
  {
    name: 'a disabled rule never fires',
    config: { rules: { 'container.exited': { enabled: false } } },
    moments: [
      [0, [cond('container.exited', 'critical')], []],
      [10 * m, [cond('container.exited', 'critical')], []],
    ],
  },
  {
    name: 'config overrides a default field by field (for 10s on memory.high)',
    config: { rules: { 'memory.high': { for: '10s' } } },
    moments: [
      [0, [cond('memory.high', 'warning')], ['pending']],
      [10 * s, [cond('memory.high', 'warning')], ['fired']],
    ],
  },
  {
    name: 'flapping: the 5th transition within 10 min is one flapping notice, then stable after 10 quiet min',
    config: { rules: { 'container.exited': { clearFor: 0 } } },
    moments: [
      [0, [cond('container.exited', 'critical')], ['fired']],
      [1 * m, [], ['resolved']],
      [2 * m, [cond('container.exited', 'critical')], ['fired']],
      [3 * m, [], ['resolved']],
      [4 * m, [cond('container.exited', 'critical')], ['fired', 'flapping']],
      [5 * m, [], ['resolved']],
      [6 * m, [cond('container.exited', 'critical')], ['fired']],
      [15 * m, [cond('container.exited', 'critical')], []],
      [16 * m, [cond('container.exited', 'critical')], ['stable']],
    ],
  },
];

for (const c of CASES) {
  test(`alert engine: ${c.name}`, () => {
    const engine = new AlertEngine();
    const settings = settingsOf(c.config);
    for (const [at, conditions, expected] of c.moments) {
      const result = engine.evaluate(conditions, T0 + at, settings);
      assert.deepEqual(
        result.changes.map((x) => x.change),
        expected,
        `at +${at / 1000} s`,
      );
    }
  });
}

test('alert engine: a resolved alert shows the worst severity it reached, then is dropped after an hour', () => {
  const engine = new AlertEngine();
  const settings = settingsOf({ rules: { 'disk.free': { clearFor: 0 } } });
  engine.evaluate([disk(10)], T0, settings);
  engine.evaluate([disk(4)], T0 + s, settings);
  engine.evaluate([disk(30)], T0 + 2 * s, settings);
  const record = engine.records.get('disk.free|disk:/');
  assert.equal(record?.state, 'resolved');
  assert.equal(record?.severity, 'critical');
  const later = engine.evaluate([disk(30)], T0 + 2 * s + 60 * m, settings);
  assert.deepEqual([...later.dropped], ['disk.free|disk:/']);
  assert.equal(engine.records.size, 0);
});

test('alert engine: a key missing from the conditions (container removed) counts as clear', () => {
  const engine = new AlertEngine();
  const settings = settingsOf();
  engine.evaluate([cond('container.unhealthy', 'critical', { subject: 'demo-api' })], T0, settings);
  engine.evaluate([], T0 + s, settings);
  assert.deepEqual(engine.evaluate([], T0 + 61 * s, settings).changes.map((x) => x.change), ['resolved']);
});
