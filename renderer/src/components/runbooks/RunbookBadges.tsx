/** @jsxRuntime automatic */
import type { RunbookSeverity, RunState } from '../../../../shared/types/runbooks';
import { SeverityBadge } from '../SeverityBadge';

const SEVERITY_WORDS: Record<RunbookSeverity, string> = { info: 'Info', warning: 'Warning', critical: 'Critical', emergency: 'Emergency' };

/** The situation a runbook answers, as colour plus word. */
export function RunbookSeverityBadge({ severity }: { severity: RunbookSeverity | null }) {
  if (!severity) return null;
  return <SeverityBadge severity={severity === 'emergency' ? 'critical' : severity} label={SEVERITY_WORDS[severity]} />;
}

const STATE_SEVERITY = {
  running: 'info',
  waiting: 'warning',
  succeeded: 'ok',
  failed: 'critical',
  cancelled: 'unknown',
  interrupted: 'warning',
} as const;

export function RunStateBadge({ state }: { state: RunState }) {
  return <SeverityBadge severity={STATE_SEVERITY[state]} label={state} />;
}
