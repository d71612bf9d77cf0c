import { formatStepDuration, stepAbortCause } from '../run/stepAbort';
import type { StepResult } from './stepKind';

/**
 * The result of a step whose signal aborted: a timeout or a cancel, always with a failed check
 * (the runner passes a step only when every check passed). `what` says what was cut short,
 * e.g. "process group killed" or "web was starting".
 */
export function abortedResult(signal: AbortSignal, timeoutMs: number, what: string | null, exitCode: number | null = null): StepResult {
  const cause = stepAbortCause(signal, timeoutMs) ?? { kind: 'cancelled' as const };
  const detail = what ? ` (${what})` : '';
  if (cause.kind === 'timeout') {
    const after = formatStepDuration(cause.timeoutMs);
    return {
      exitCode,
      checks: [{ label: 'finished in time', expected: `within ${after}`, actual: `timed out${detail}`, passed: false }],
      summary: `timed out after ${after}${detail}`,
      timedOut: true,
    };
  }
  return {
    exitCode,
    checks: [{ label: 'finished', expected: 'ran to the end', actual: `cancelled${detail}`, passed: false }],
    summary: 'cancelled',
    cancelled: true,
  };
}
