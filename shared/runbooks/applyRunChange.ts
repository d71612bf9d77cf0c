import type { LiveMessage } from '../api/live';
import type { RunDetail, RunHead, StepAttempt } from '../types/runbooks';

export type RunChange = Extract<LiveMessage, { type: 'run' }>;

/** A run without its attempts (the fields a live `run` message carries as `run`). */
export function runHeadOf(run: RunDetail): RunHead {
  const { steps: _steps, attempts: _attempts, ...head } = run;
  return head;
}

/** The live message for a run: its head and the given attempts (all of them in a run's first message). */
export function runChange(head: RunHead, attempts: readonly StepAttempt[]): RunChange {
  return { type: 'run', run: head, attempts: [...attempts] };
}

const FINAL: readonly string[] = ['succeeded', 'failed', 'cancelled'];

/** How far a run has got: attempts, finished attempts, ended. Compared in order. */
function progress(run: RunDetail): number[] {
  return [run.attempts.length, run.attempts.filter((a) => a.endedAt !== null).length, FINAL.includes(run.state) ? 1 : 0];
}

/** Whether `a` has moved further than `b` (equal progress: no). */
export function isAhead(a: RunDetail, b: RunDetail): boolean {
  const [pa, pb] = [progress(a), progress(b)];
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] > pb[i];
  return false;
}

/**
 * Folds a live `run` change into the run shown: upserts attempts by their number within the run,
 * rebuilds `steps` (latest attempt per step index, null where not reached) and takes the head.
 * Null when there is nothing to fold into (no run yet, or another run): the caller fetches the
 * run instead. A change older than what is shown (a fetch answered after it was sent) leaves
 * the shown run as it is: the view never goes back.
 */
export function applyRunChange(current: RunDetail | null, change: RunChange): RunDetail | null {
  if (!current || current.id !== change.run.id) return null;
  const byNumber = new Map(current.attempts.map((attempt) => [attempt.attempt, attempt]));
  for (const attempt of change.attempts) byNumber.set(attempt.attempt, attempt);
  const attempts = [...byNumber.values()].sort((a, b) => a.attempt - b.attempt);
  const steps: (StepAttempt | null)[] = Array.from({ length: change.run.stepCount }, () => null);
  // Attempts are in order, so the last one written per index is the latest.
  for (const attempt of attempts) if (attempt.stepIndex >= 0 && attempt.stepIndex < steps.length) steps[attempt.stepIndex] = attempt;
  const next: RunDetail = { ...change.run, steps, attempts };
  return isAhead(current, next) ? current : next;
}
