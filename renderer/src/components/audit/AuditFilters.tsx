/** @jsxRuntime automatic */

/** The kinds `audit.list` filters on: an action's first word. */
export const AUDIT_KINDS = [
  { value: '', label: 'Every kind' },
  { value: 'runbook', label: 'Runbooks' },
  { value: 'settings', label: 'Settings' },
  { value: 'notification', label: 'Notifications' },
  { value: 'silence', label: 'Silences' },
  { value: 'incident', label: 'Incidents' },
  { value: 'action', label: 'Actions' },
] as const;

export const AUDIT_RANGES = [
  { value: 'hour', label: 'Last hour', ms: 3_600_000 },
  { value: 'day', label: 'Last 24 h', ms: 86_400_000 },
  { value: 'week', label: 'Last 7 d', ms: 7 * 86_400_000 },
  { value: 'month', label: 'Last 30 d', ms: 30 * 86_400_000 },
  { value: 'all', label: 'All time', ms: null },
] as const;

export type AuditRange = (typeof AUDIT_RANGES)[number]['value'];

interface AuditFiltersProps {
  kind: string;
  range: AuditRange;
  onKind: (kind: string) => void;
  onRange: (range: AuditRange) => void;
}

export function AuditFilters({ kind, range, onKind, onRange }: AuditFiltersProps) {
  return (
    <div className="audit-filters">
      <label>
        Kind{' '}
        <select value={kind} onChange={(event) => onKind(event.target.value)}>
          {AUDIT_KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Time{' '}
        <select value={range} onChange={(event) => onRange(event.target.value as AuditRange)}>
          {AUDIT_RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
