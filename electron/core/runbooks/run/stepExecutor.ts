import type { VerificationCheck } from '../../../../shared/types/runbooks';
import type { Clock } from '../../clock';
import type { StepExecution, StepKind, StepResult } from '../steps/stepKind';
import { OutputCapture } from './outputCapture';
import { formatStepDuration, stepAbortCause, StepTimeoutError } from './stepAbort';

/** How long a kind may take to return once its signal aborted before the runner stops waiting for it. */
export const ABANDON_AFTER_ABORT_MS = 15_000;

export type StepVerdict = 'passed' | 'failed' | 'timed-out' | 'cancelled';

/** What one attempt came to, ready to record. */
export interface StepOutcome {
  verdict: StepVerdict;
  exitCode: number | null;
  checks: VerificationCheck[];
  summary: string;
  /** Head and tail of the output (the capture's text). */
  output: string;
  outputBytes: number;
  outputTruncated: boolean;
}

export interface StepAttemptInput {
  /** The registered kind, or undefined when the registry lacks the block's kind. */
  kind: StepKind | undefined;
  execution: Omit<StepExecution, 'output' | 'signal'>;
  /** Owned by the runner: cancel and shutdown abort it too. */
  controller: AbortController;
  clock: Clock;
  /** Live output (throttled by the caller). */
  onOutput(chunk: string | Buffer): void;
}

/**
 * Runs one attempt at a step: arms the hard timeout, keeps the output's head and tail, and
 * turns whatever the kind does (returns, throws, ignores its signal) into an outcome. Never throws.
 */
export async function runStepAttempt(input: StepAttemptInput): Promise<StepOutcome> {
  const { kind, execution, controller, clock } = input;
  const capture = new OutputCapture();
  const outcome = (verdict: StepVerdict, result: Pick<StepResult, 'exitCode' | 'checks' | 'summary'>): StepOutcome => ({
    verdict,
    exitCode: result.exitCode,
    checks: result.checks,
    summary: result.summary,
    output: capture.text(),
    outputBytes: capture.totalBytes,
    outputTruncated: capture.truncated,
  });
  if (!kind) {
    return outcome('failed', { exitCode: null, checks: [], summary: `Opsbar has no step kind "${execution.block.kind}"` });
  }

  const signal = controller.signal;
  const timeout = clock.setTimeout(() => controller.abort(new StepTimeoutError(execution.timeoutMs)), execution.timeoutMs);
  let abandonTimer: { cancel(): void } | null = null;
  const abandoned = new Promise<'abandoned'>((resolve) => {
    const arm = () => (abandonTimer = clock.setTimeout(() => resolve('abandoned'), ABANDON_AFTER_ABORT_MS));
    if (signal.aborted) arm();
    else signal.addEventListener('abort', arm, { once: true });
  });
  const output = {
    write(chunk: string | Buffer) {
      capture.write(chunk);
      input.onOutput(chunk);
    },
  };

  let result: StepResult | 'abandoned';
  try {
    result = await Promise.race([kind.execute({ ...execution, output, signal }), abandoned]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const summary = `the ${kind.name} step failed: ${message}`;
    result = { exitCode: null, checks: [{ label: 'step ran', expected: 'the step runs to its end', actual: message, passed: false }], summary };
  } finally {
    timeout.cancel();
    (abandonTimer as { cancel(): void } | null)?.cancel();
  }

  const cause = stepAbortCause(signal, execution.timeoutMs);
  if (result === 'abandoned') {
    const why = cause?.kind === 'timeout' ? `timed out after ${formatStepDuration(cause.timeoutMs)}` : 'cancelled';
    const summary = `${why}; the step did not stop within ${formatStepDuration(ABANDON_AFTER_ABORT_MS)} and was left behind`;
    return outcome(cause?.kind === 'timeout' ? 'timed-out' : 'cancelled', { exitCode: null, checks: [], summary });
  }
  if (result.timedOut || cause?.kind === 'timeout') {
    const summary = result.timedOut && result.summary ? result.summary : `timed out after ${formatStepDuration(execution.timeoutMs)}`;
    return outcome('timed-out', { ...result, summary });
  }
  if (result.cancelled || cause?.kind === 'cancelled') {
    return outcome('cancelled', { ...result, summary: result.cancelled && result.summary ? result.summary : 'cancelled' });
  }
  return outcome(result.checks.every((check) => check.passed) ? 'passed' : 'failed', result);
}
