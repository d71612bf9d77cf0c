/** @jsxRuntime automatic */
import { runbooksForCheck } from '../../../shared/runbooks/suggestions';
import type { RunbookSummary } from '../../../shared/types/runbooks';
import type { StatusCheck } from '../../../shared/types/status';
import { severityRank } from '../../../shared/types/severity';
import { SeverityBadge } from './SeverityBadge';

interface StatusChecksProps {
  checks: StatusCheck[];
  /** The runbook library: a check in trouble links the runbooks whose triggers name its alert. */
  runbooks?: readonly RunbookSummary[];
  onOpenRunbook?: (id: string) => void;
}

/** The at-a-glance checks, worst first, each in trouble with the runbooks that answer it. */
export function StatusChecks({ checks, runbooks = [], onOpenRunbook }: StatusChecksProps) {
  if (checks.length === 0) return <p className="muted">No checks yet.</p>;
  const sorted = [...checks].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return (
    <ul className="checks">
      {sorted.map((check) => {
        const suggested = onOpenRunbook ? runbooksForCheck(check, runbooks) : [];
        return (
          <li key={check.id} className="check">
            <SeverityBadge severity={check.severity} />
            <span className="check-label">{check.label}</span>
            <span className="check-summary">
              {check.summary}
              {suggested.length > 0 && (
                <span className="check-runbooks">
                  {suggested.map((runbook) => (
                    <button key={runbook.id} type="button" className="link-button" onClick={() => onOpenRunbook?.(runbook.id)}>
                      Runbook: {runbook.title}
                    </button>
                  ))}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
