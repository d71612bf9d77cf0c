/** @jsxRuntime automatic */
import type { StatusCheck } from '../../../shared/types/status';
import { severityRank } from '../../../shared/types/severity';
import { SeverityBadge } from './SeverityBadge';

/** The at-a-glance checks, worst first. */
export function StatusChecks({ checks }: { checks: StatusCheck[] }) {
  if (checks.length === 0) return <p className="muted">No checks yet.</p>;
  const sorted = [...checks].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return (
    <ul className="checks">
      {sorted.map((check) => (
        <li key={check.id} className="check">
          <SeverityBadge severity={check.severity} />
          <span className="check-label">{check.label}</span>
          <span className="check-summary">{check.summary}</span>
        </li>
      ))}
    </ul>
  );
}
