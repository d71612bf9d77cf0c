/** @jsxRuntime automatic */
import type { StepState } from '../../../../shared/types/runbooks';

const ICONS: Record<StepState, string> = {
  pending: '○',
  running: '◐',
  passed: '✓',
  failed: '✗',
  skipped: '↷',
  cancelled: '⊘',
  interrupted: '⏸',
};

/** A step's state as a symbol with its word for screen readers (and the tooltip). */
export function StepStatusIcon({ state }: { state: StepState }) {
  return (
    <span className={`step-icon step-${state}`} role="img" aria-label={state} title={state}>
      {ICONS[state]}
    </span>
  );
}
