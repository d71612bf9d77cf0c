import type { RunSummary } from '../../../../shared/types/runbooks';

/** "2024-01-07 02:00" in the scheduler's time zone (the process's when none is set). */
export function formatMinute(ms: number, timezone?: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
}

export type MissedOutcome = 'caught-up' | 'due-now' | 'too-old';

export function missedMessage(
  runbookId: string,
  missed: { count: number; atLeast: boolean; first: number; last: number },
  outcome: MissedOutcome,
  catchUpMinutes: number,
  timezone?: string,
): string {
  const count = `${missed.atLeast ? 'at least ' : ''}${missed.count} scheduled run${missed.count === 1 ? '' : 's'}`;
  const when =
    missed.count === 1
      ? `at ${formatMinute(missed.first, timezone)}`
      : `between ${formatMinute(missed.first, timezone)} and ${formatMinute(missed.last, timezone)}`;
  const next = {
    'caught-up': 'running it now',
    'due-now': 'it is due now and runs',
    'too-old': `not run now (the last was more than ${catchUpMinutes} min ago)`,
  }[outcome];
  return `${runbookId}: ${count} missed ${when} (machine asleep or Opsbar not running); ${next}.`;
}

export function skippedMessage(runbookId: string, scheduledFor: number, active: RunSummary, timezone?: string): string {
  const doing = active.state === 'waiting' ? 'waiting for an operator' : 'still running';
  return `${runbookId}: the run scheduled for ${formatMinute(scheduledFor, timezone)} was skipped: previous run #${active.id} ${doing} since ${formatMinute(active.startedAt, timezone)}.`;
}
