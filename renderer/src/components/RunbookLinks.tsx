/** @jsxRuntime automatic */
import { runbooksForCheck } from '../../../../shared/runbooks/suggestions';
import type { RunbookSummary } from '../../../../shared/types/runbooks';
import type { StatusCheck } from '../../../../shared/types/status';
import { SeverityBadge } from '../SeverityBadge';

interface GpuRunbookLinksProps {
  /** What the list is about, e.g. "GPU 0": its accessible name is "Runbooks for GPU 0". */
  subject: string;
  /** The checks to answer; only those in trouble (warning, critical) suggest runbooks. */
  checks: ReadonlyArray<StatusCheck | undefined>;
  runbooks: readonly RunbookSummary[];
  onOpenRunbook: (id: string) => void;
}

/**
 * The runbooks that answer this GPU's checks in trouble (their triggers name the check's alert
 * kind, as in the Overview's Checks panel), one line per check; nothing when none applies.
 */
export function GpuRunbookLinks({ subject, checks, runbooks, onOpenRunbook }: GpuRunbookLinksProps) {
  const lines = checks
    .filter((check): check is StatusCheck => check !== undefined)
    .map((check) => ({ check, suggested: runbooksForCheck(check, runbooks) }))
    .filter((line) => line.suggested.length > 0);
  if (lines.length === 0) return null;
  return (
    <ul className="gpu-runbooks" aria-label={`Runbooks for ${subject}`}>
      {lines.map(({ check, suggested }) => (
        <li key={check.id}>
          <SeverityBadge severity={check.severity} />
          <span className="gpu-runbooks-check">{check.label}</span>
          {suggested.map((runbook) => (
            <a
              key={runbook.id}
              href={`#/runbooks?id=${encodeURIComponent(runbook.id)}`}
              onClick={(event) => {
                event.preventDefault();
                onOpenRunbook(runbook.id);
              }}
            >
              Runbook: {runbook.title}
            </a>
          ))}
        </li>
      ))}
    </ul>
  );
}
