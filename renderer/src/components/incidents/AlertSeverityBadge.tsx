/** @jsxRuntime automatic */
import { priorityOf, type AlertSeverity } from '../../../../shared/types/alerts';

const WORDS: Record<AlertSeverity, string> = { info: 'Info', warning: 'Warning', critical: 'Critical', emergency: 'Emergency' };

/** An alert severity as colour, word and the seeds' priority ("P1 Critical"): never colour alone. */
export function AlertSeverityBadge({ severity, priority = true }: { severity: AlertSeverity; priority?: boolean }) {
  return (
    <span className={`badge sev-${severity}`}>
      <span className="badge-dot" aria-hidden="true" />
      {priority ? `${priorityOf(severity)} ${WORDS[severity]}` : WORDS[severity]}
    </span>
  );
}

export function severityWord(severity: AlertSeverity): string {
  return WORDS[severity];
}
