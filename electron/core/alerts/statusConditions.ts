import type { Settings } from '../../../shared/config/settingsSchema';
import type { AlertCondition } from '../../../shared/types/alerts';
import type { ModuleId, StatusCheck, StatusSnapshot } from '../../../shared/types/status';
import type { AnyMonitorModule, Assessment, MonitorModule } from '../monitors/monitorModule';
import { alertSeverityOfCheck, conditionsFromChecks } from './checkConditions';

/** The core's own checks that are alerts: history not being saved. */
const CORE_CHECK_KINDS: Readonly<Record<string, string>> = { history: 'store.unwritable' };

/**
 * Every condition a status holds: each module's `alertConditions` (or its checks that carry
 * `alert`), then the core's own checks. Knows no module by name.
 */
export function statusConditions(
  status: StatusSnapshot,
  modules: readonly AnyMonitorModule[],
  ownerOf: (checkId: string) => ModuleId | null,
  settings: Settings,
): AlertCondition[] {
  const byOwner = new Map<ModuleId | null, StatusCheck[]>();
  for (const check of status.checks) {
    const owner = ownerOf(check.id);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), check]);
  }
  const out: AlertCondition[] = [];
  for (const module of modules) {
    const checks = byOwner.get(module.id) ?? [];
    const own = (module as MonitorModule).alertConditions;
    const assessment: Assessment<unknown> = { snapshot: status[module.id], checks };
    out.push(...(own ? own(assessment as Assessment<never>, settings) : conditionsFromChecks(module.id, checks)));
  }
  for (const check of byOwner.get(null) ?? []) {
    const kind = CORE_CHECK_KINDS[check.id];
    const severity = alertSeverityOfCheck(check.severity);
    if (kind && severity) out.push({ kind, subject: check.id, module: 'opsbar', label: check.label, summary: check.summary, severity, group: null });
  }
  return out;
}
