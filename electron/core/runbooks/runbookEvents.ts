import type { NewOpsEvent } from '../../../shared/types/events';
import type { RunDetail } from '../../../shared/types/runbooks';
import type { FailedStart, MissedRuns, SkippedRun } from './schedule/runbookScheduler';

/**
 * What scheduled runbooks leave in the event history (and, at warning or above, on the
 * desktop): a run that failed or waits for the operator, runs missed while asleep, an
 * overlapping run skipped, a schedule that could not start or be read.
 */
export const runbookEventFor = {
  finished(run: RunDetail, at: number): NewOpsEvent {
    const severity = run.state === 'succeeded' ? 'info' : run.state === 'failed' ? 'critical' : 'warning';
    const verb = run.state === 'waiting' ? 'waits for you' : run.state;
    return event(at, `runbook.${run.state}`, severity, run.runbookTitle, `Scheduled run #${run.id} ${verb}: ${run.summary}`, {
      runbookId: run.runbookId,
      runId: String(run.id),
    });
  },
  missed(missed: MissedRuns, title: string, at: number): NewOpsEvent {
    return event(at, 'runbook.missed', 'warning', title, missed.message, { runbookId: missed.job.runbookId, cron: missed.job.cron, count: String(missed.count) });
  },
  skipped(skipped: SkippedRun, title: string, at: number): NewOpsEvent {
    return event(at, 'runbook.skipped', 'warning', title, skipped.message, { runbookId: skipped.job.runbookId, runId: String(skipped.activeRun.id) });
  },
  failedToStart(failed: FailedStart, title: string, at: number): NewOpsEvent {
    return event(at, 'runbook.not-started', 'critical', title, failed.message, { runbookId: failed.job.runbookId, cron: failed.job.cron });
  },
  problem(message: string, at: number): NewOpsEvent {
    return event(at, 'runbook.schedule-problem', 'warning', 'Runbook schedules', message, {});
  },
};

function event(at: number, kind: string, severity: NewOpsEvent['severity'], subject: string, message: string, attributes: Record<string, string>): NewOpsEvent {
  return { at, source: 'opsbar', kind, severity, subject, message, attributes };
}
