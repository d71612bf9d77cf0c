import type { AlertCondition } from '../../../shared/types/alerts';
import type { Severity } from '../../../shared/types/severity';
import type { ModuleId, StatusCheck } from '../../../shared/types/status';

/** A check's severity as an alert's: warning and critical 1:1; ok and unknown do not hold. */
export function alertSeverityOfCheck(severity: Severity): 'warning' | 'critical' | null {
  return severity === 'warning' || severity === 'critical' ? severity : null;
}

/**
 * The conditions of a module without its own `alertConditions`: one per check that names an
 * alert kind (kind = check.alert, subject = check.id). Only checks that are not fine are sent.
 */
export function conditionsFromChecks(module: ModuleId | 'opsbar', checks: readonly StatusCheck[], group: (check: StatusCheck) => string | null = () => null): AlertCondition[] {
  const out: AlertCondition[] = [];
  for (const check of checks) {
    const severity = alertSeverityOfCheck(check.severity);
    if (!check.alert || severity === null) continue;
    out.push({ kind: check.alert, subject: check.id, module, label: check.label, summary: check.summary, severity, group: group(check) });
  }
  return out;
}
