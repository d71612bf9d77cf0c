/** @jsxRuntime automatic */
import { runbooksForCheck } from '../../../shared/runbooks/suggestions';
import type { RunbookSummary } from '../../../shared/types/runbooks';
import type { StatusCheck } from '../../../shared/types/status';
import { SeverityBadge } from './SeverityBadge';

interface RunbookLinksProps {
  /** What the list is about, e.g. "GPU 0" or "Lab Ollama": its accessible name is "Runbooks for GPU 0". */
  subject: string;
  /** The checks to answer; only those in trouble (warning, critical) suggest runbooks. */
  checks: ReadonlyArray<StatusCheck | undefined>;
  runbooks: readonly RunbookSummary[];
  onOpenRunbook: (id: string) => void;
}

/**
 * The runbooks that answer a subject's checks in trouble (a GPU, a model server) (their triggers name the check's alert
 * kind, as in the Overview's Checks panel), one line per check; nothing when none applies.
 */
export function RunbookLinks({ subject, checks, runbooks, onOpenRunbook }: RunbookLinksProps) {
  const lines = checks
    .filter((check): check is StatusCheck => check !== undefined)
    .map((check) => ({ check, suggested: runbooksForCheck(check, runbooks) }))
    .filter((line) => line.suggested.length > 0);
  if (lines.length === 0) return null;
  return (
    <ul className="runbook-links" aria-label={`Runbooks for ${subject}`}>
      {lines.map(({ check, suggested }) => (
        <li key={check.id}>
          <SeverityBadge severity={check.severity} />
          <span className="runbook-links-check">{check.label}</span>
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
