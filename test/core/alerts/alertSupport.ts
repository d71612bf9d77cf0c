// A real alert system on a history file and a test clock, fed by one fake module whose
// conditions the test sets (the engine's inputs without collectors).
import { join } from 'node:path';
import { defaultSettings, type Settings } from '../../../shared/config/settingsSchema';
import type { AlertCondition } from '../../../shared/types/alerts';
import type { StatusSnapshot } from '../../../shared/types/status';
import { createAlertSystem } from '../../../electron/core/alerts/createAlertSystem';
import type { AlertSystem } from '../../../electron/core/alerts/alertSystem';
import { silentLogger } from '../../../electron/core/logger';
import type { AnyMonitorModule } from '../../../electron/core/monitors/monitorModule';
import { OpsbarStore } from '../../../electron/core/store/opsbarStore';
import type { AuditEntry } from '../../../electron/core/store/auditLog';
import { TestClock } from '../../support/testClock';

export interface AlertHarness {
  system: AlertSystem;
  store: OpsbarStore;
  clock: TestClock;
  audits: AuditEntry[];
  /** What the fake module says holds now. */
  conditions: AlertCondition[];
  /** Evaluates a status (as after each sample). */
  sample(): ReturnType<AlertSystem['evaluate']>;
  close(): void;
}

export function emptyStatus(at: number): StatusSnapshot {
  return { at, overall: 'ok', checks: [], system: null } as unknown as StatusSnapshot;
}

export function openAlertHarness(dir: string, options: { clock?: TestClock; settings?: (s: Settings) => Settings; role?: 'app' | 'cli' } = {}): AlertHarness {
  const clock = options.clock ?? new TestClock();
  const { store } = OpsbarStore.open(join(dir, 'opsbar.db'), { now: () => clock.now() });
  const settings = (options.settings ?? ((s) => s))(defaultSettings());
  const audits: AuditEntry[] = [];
  const harness = { conditions: [] as AlertCondition[] } as AlertHarness;
  const fake = { id: 'system', alertConditions: () => harness.conditions } as unknown as AnyMonitorModule;
  const system = createAlertSystem({
    settings: () => settings,
    clock,
    log: silentLogger,
    store: () => store.alerts,
    runbooksFor: (kind) => (kind === 'disk.free' ? ['disk-cleanup'] : []),
    modules: [fake],
    ownerOf: () => null,
    audit: (entry) => audits.push(entry),
    role: options.role ?? 'app',
  });
  return Object.assign(harness, {
    system,
    store,
    clock,
    audits,
    sample: () => system.evaluate(emptyStatus(clock.now())),
    close: () => store.close(),
  });
}

export function condition(kind: string, subject: string, severity: AlertCondition['severity'], extra: Partial<AlertCondition> = {}): AlertCondition {
  return { kind, subject, module: 'system', label: subject, summary: `${kind} on ${subject}`, severity, group: null, ...extra };
}
