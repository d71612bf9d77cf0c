import type { IncidentAlertRef, IncidentDetail, IncidentSummary, IncidentWeek } from '../../../shared/types/incidents';
import type { IncidentLog, IncidentRow } from '../store/incidentLog';

/** An incident as listed: its row, its alerts' counts and kinds, time to acknowledge and to recover. */
export function summaryOf(row: IncidentRow, alerts: IncidentAlertRef[]): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    state: row.state,
    group: row.group,
    openedAt: row.openedAt,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
    ttaMs: row.acknowledgedAt === null ? null : Math.max(0, row.acknowledgedAt - row.openedAt),
    ttrMs: row.resolvedAt === null ? null : Math.max(0, row.resolvedAt - row.openedAt),
    alertCount: alerts.length,
    firingCount: alerts.filter((alert) => alert.resolvedAt === null).length,
    kinds: [...new Set(alerts.map((alert) => alert.kind))].sort(),
  };
}

export function detailOf(log: IncidentLog, row: IncidentRow, runbooksFor: (kinds: readonly string[]) => { id: string; title: string }[]): IncidentDetail {
  const alerts = log.alerts(row.id);
  const summary = summaryOf(row, alerts);
  return { ...summary, alerts, timeline: log.timeline(row.id), runbooks: summary.kinds.length ? runbooksFor(summary.kinds) : [] };
}

/** Monday 00:00 local time of the week holding `at` (a Date does the DST arithmetic). */
export function weekStartOf(at: number): number {
  const day = new Date(at);
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() - ((day.getDay() + 6) % 7));
  return day.getTime();
}

function weeksBack(start: number, weeks: number): number {
  const day = new Date(start);
  day.setDate(day.getDate() - 7 * weeks);
  return day.getTime();
}

/**
 * The last `weeks` weeks, oldest first, the current one last: incidents opened in each week, and
 * those resolved in it with their mean time to recover (a week's MTTR counts the incidents it closed).
 */
export function weeklyStats(rows: IncidentRow[], now: number, weeks: number): IncidentWeek[] {
  const current = weekStartOf(now);
  const starts = Array.from({ length: weeks }, (_, i) => weeksBack(current, weeks - 1 - i));
  const indexOf = (at: number | null): number => {
    if (at === null || at < starts[0]) return -1;
    let index = starts.length - 1;
    while (index > 0 && at < starts[index]) index--;
    return index;
  };
  const result = starts.map((weekStart) => ({ weekStart, opened: 0, resolved: 0, ttrTotal: 0 }));
  for (const row of rows) {
    const opened = indexOf(row.openedAt);
    if (opened >= 0) result[opened].opened++;
    const resolved = row.state === 'resolved' ? indexOf(row.resolvedAt) : -1;
    if (resolved >= 0 && row.resolvedAt !== null) {
      result[resolved].resolved++;
      result[resolved].ttrTotal += Math.max(0, row.resolvedAt - row.openedAt);
    }
  }
  return result.map(({ weekStart, opened, resolved, ttrTotal }) => ({ weekStart, opened, resolved, mttrMs: resolved ? Math.round(ttrTotal / resolved) : null }));
}
