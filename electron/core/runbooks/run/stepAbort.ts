/**
 * Why a step's AbortSignal fired. The runner owns the AbortController and aborts with one of
 * these as `reason`, so a step kind can tell a timeout from an operator's cancel.
 */

/** The step ran past its `timeout`: its process group is killed. */
export class StepTimeoutError extends Error {
  override readonly name = 'StepTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${formatStepDuration(timeoutMs)}`);
  }
}

/** The operator (or shutdown) cancelled the step. */
export class StepCancelledError extends Error {
  override readonly name = 'StepCancelledError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

export type StepAbortCause = { kind: 'timeout'; timeoutMs: number } | { kind: 'cancelled' };

/**
 * What ended the step, or null while the signal has not aborted. An abort with any other
 * reason (a bare `controller.abort()`) counts as a cancel.
 */
export function stepAbortCause(signal: AbortSignal, fallbackTimeoutMs?: number): StepAbortCause | null {
  if (!signal.aborted) return null;
  const reason: unknown = signal.reason;
  if (reason instanceof StepTimeoutError) return { kind: 'timeout', timeoutMs: reason.timeoutMs };
  if (reason instanceof Error && reason.name === 'TimeoutError' && fallbackTimeoutMs !== undefined) {
    // AbortSignal.timeout(ms) aborts with a DOMException named TimeoutError.
    return { kind: 'timeout', timeoutMs: fallbackTimeoutMs };
  }
  return { kind: 'cancelled' };
}

/** "250 ms", "30 s", "1.5 s", "5 min", "2 h". */
export function formatStepDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}
