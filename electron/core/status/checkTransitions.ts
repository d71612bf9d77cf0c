import type { NewOpsEvent } from '../../../shared/types/events';
import type { StatusCheck } from '../../../shared/types/status';

/**
 * Events for checks whose severity changed between two status snapshots (a disk crossing
 * its threshold, memory recovering). Checks seen for the first time only count when bad.
 */
export function checkTransitionEvents(previous: StatusCheck[] | null, next: StatusCheck[], at: number): NewOpsEvent[] {
  if (!previous) return [];
  const before = new Map(previous.map((c) => [c.id, c]));
  const events: NewOpsEvent[] = [];
  for (const check of next) {
    const old = before.get(check.id);
    const oldSeverity = old?.severity ?? 'ok';
    if (oldSeverity === check.severity || check.id === 'docker') continue;
    if (check.severity === 'unknown' || oldSeverity === 'unknown') continue;
    const recovered = check.severity === 'ok';
    events.push({
      at,
      source: check.id === 'history' ? 'opsbar' : 'system',
      kind: recovered ? 'check.recovered' : 'check.degraded',
      severity: recovered ? 'info' : check.severity === 'critical' ? 'critical' : 'warning',
      subject: check.label,
      message: `${check.label}: ${oldSeverity} → ${check.severity} (${check.summary})`,
      attributes: { check: check.id, from: oldSeverity, to: check.severity },
    });
  }
  return events;
}
