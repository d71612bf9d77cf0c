import type { NewOpsEvent, OpsEvent } from '../../../shared/types/events';
import type { StatusCheck } from '../../../shared/types/status';

/** Whose check it is: the module that raised it (its id is the event's source), or the core's own. */
export type CheckOwner = (checkId: string) => { id: OpsEvent['source']; recordsOwnEvents?: boolean } | null;

/**
 * Events for checks whose severity changed between two status snapshots (a disk crossing
 * its threshold, memory recovering). Checks seen for the first time only count when bad.
 * A module that records its own events (Docker's die/oom/health) gets none for its checks.
 */
export function checkTransitionEvents(previous: StatusCheck[] | null, next: StatusCheck[], at: number, ownerOf: CheckOwner = () => null): NewOpsEvent[] {
  if (!previous) return [];
  const before = new Map(previous.map((c) => [c.id, c]));
  const events: NewOpsEvent[] = [];
  for (const check of next) {
    const old = before.get(check.id);
    const oldSeverity = old?.severity ?? 'ok';
    if (oldSeverity === check.severity) continue;
    const owner = ownerOf(check.id);
    if (owner?.recordsOwnEvents) continue;
    if (check.severity === 'unknown' || oldSeverity === 'unknown') continue;
    const recovered = check.severity === 'ok';
    events.push({
      at,
      source: owner?.id ?? 'opsbar',
      kind: recovered ? 'check.recovered' : 'check.degraded',
      severity: recovered ? 'info' : check.severity === 'critical' ? 'critical' : 'warning',
      subject: check.label,
      message: `${check.label}: ${oldSeverity} → ${check.severity} (${check.summary})`,
      attributes: { check: check.id, from: oldSeverity, to: check.severity },
    });
  }
  return events;
}
