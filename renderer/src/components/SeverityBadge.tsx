/** @jsxRuntime automatic */
import type { Severity } from '../../../shared/types/severity';
import type { EventSeverity } from '../../../shared/types/events';

const WORDS: Record<Severity | 'info', string> = {
  ok: 'OK',
  unknown: 'Unknown',
  warning: 'Warning',
  critical: 'Critical',
  info: 'Info',
};

/** A severity as colour plus word: never colour alone. */
export function SeverityBadge({ severity, label }: { severity: Severity | EventSeverity; label?: string }) {
  return (
    <span className={`badge sev-${severity}`}>
      <span className="badge-dot" aria-hidden="true" />
      {label ?? WORDS[severity]}
    </span>
  );
}
