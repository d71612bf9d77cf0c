/** @jsxRuntime automatic */
import type { AuditRecord } from '../../../../shared/types/audit';
import { formatClockShort, formatRelativeTime } from '../../format';
import { useNow } from '../../hooks/useNow';

const OUTCOME_CLASS: Record<AuditRecord['outcome'], string> = {
  planned: 'sev-info',
  confirmed: 'sev-info',
  succeeded: 'sev-ok',
  failed: 'sev-critical',
  cancelled: 'sev-unknown',
};

/** Details as indented JSON: untrusted text, shown as text. */
function detailsText(details: Record<string, unknown>): string {
  try {
    return JSON.stringify(details, null, 2);
  } catch {
    return String(details);
  }
}

/** Audit rows newest first: when, who, what, on what, how it ended; the details open on demand. */
export function AuditTable({ rows }: { rows: AuditRecord[] }) {
  const now = useNow();
  return (
    <table className="audit-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Outcome</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="audit-row">
            <td>
              <time dateTime={new Date(row.at).toISOString()} title={new Date(row.at).toLocaleString()}>
                {formatClockShort(row.at, now)} <span className="muted">({formatRelativeTime(row.at, now)})</span>
              </time>
            </td>
            <td>{row.actor}</td>
            <td>
              <code>{row.action}</code>
            </td>
            <td className="audit-target">{row.target}</td>
            <td>
              <span className={`badge ${OUTCOME_CLASS[row.outcome] ?? 'sev-unknown'}`}>
                <span className="badge-dot" aria-hidden="true" />
                {row.outcome}
              </span>
            </td>
            <td>
              {Object.keys(row.details).length > 0 ? (
                <details>
                  <summary>Details</summary>
                  <pre className="audit-details">{detailsText(row.details)}</pre>
                </details>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
