import type { Settings } from '../../../../shared/config/settingsSchema';
import type { MaintenanceWindowView, RunDetail, RunSummary, ScheduleView } from '../../../../shared/types/runbooks';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { RunbookCatalog } from '../format/runbookCatalog';
import type { RunControl } from '../run/runControl';
import { MINUTE_MS, compileCron, floorToMinute, matchesBetween, nextMatch, type CronMatcher } from './cronMatcher';
import { maintenanceWindow } from './maintenanceWindow';
import { missedMessage, skippedMessage, type MissedOutcome } from './scheduleMessages';
import type { ScheduleState } from './scheduleStateFile';
import { buildScheduledJobs, type ScheduledJob } from './scheduledJobs';

/** A tick this late means the machine slept (or the process stalled): the minutes between were missed. */
export const LATE_TICK_MS = 90_000;
/** Missed runs are looked for this far back at most. */
export const MAX_GAP_MS = 7 * 24 * 60 * MINUTE_MS;
/** `nextRunAt` is looked for this far ahead (a weekly schedule is found). */
export const NEXT_RUN_LOOKAHEAD_MS = 8 * 24 * 60 * MINUTE_MS;

export interface ScheduledJobRef {
  runbookId: string;
  cron: string;
  source: 'runbook' | 'config';
}

export interface MissedRuns {
  job: ScheduledJobRef;
  count: number;
  /** The gap was longer than a week: there were at least `count`. */
  atLeast: boolean;
  first: number;
  last: number;
  outcome: MissedOutcome;
  message: string;
}

export interface SkippedRun {
  job: ScheduledJobRef;
  scheduledFor: number;
  activeRun: RunSummary;
  message: string;
}

export interface FailedStart {
  job: ScheduledJobRef;
  scheduledFor: number;
  message: string;
}

export interface RunbookSchedulerOptions {
  clock: Clock;
  catalog: Pick<RunbookCatalog, 'view' | 'get' | 'refresh'>;
  runs: Pick<RunControl, 'start' | 'settled' | 'activeRun' | 'list'>;
  settings: () => Settings['runbooks'];
  state: ScheduleState;
  log: Logger;
  /** IANA zone the crons are read in; the process's local time when left out. */
  timezone?: string;
  onMissed(missed: MissedRuns): void;
  onSkipped(skipped: SkippedRun): void;
  /** A scheduled run ended or waits for an operator (state `waiting`). */
  onFinished(run: RunDetail, job: ScheduledJobRef): void;
  onFailedToStart(failed: FailedStart): void;
  /** A schedule (or the maintenance window) that cannot be used; each message once per scheduler. */
  onProblem?(message: string): void;
}

/**
 * Starts runbooks on their schedules (front matter and config), one timer at each minute
 * boundary of the injected clock. A late tick means the machine slept or Opsbar was not
 * running: the runs due in between are reported once per job, and the latest is run now if
 * it was due within the catch-up time. A run still going when the next is due is not doubled.
 */
export class RunbookScheduler {
  private jobs: ScheduledJob[] = [];
  private currentProblems: string[] = [];
  private readonly reportedProblems = new Set<string>();
  private maintenanceMatcher: CronMatcher | null = null;
  private window: Settings['runbooks']['maintenanceWindow'] | null = null;
  private maintenanceCache: { minute: number; view: MaintenanceWindowView } | null = null;
  private readonly nextRunCache = new Map<string, { from: number; at: number | null }>();
  private timer: { cancel(): void } | null = null;
  private checkedThrough = 0;
  private running = false;

  constructor(private readonly options: RunbookSchedulerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.reload();
    const minute = floorToMinute(this.options.clock.now());
    const saved = this.options.state.lastChecked();
    // Without a saved minute (first start) nothing before now counts as missed.
    this.checkedThrough = saved !== null && saved <= minute ? floorToMinute(saved) : minute;
    this.tick();
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
  }

  /** Re-reads the settings and the library's schedules (call when either changed). */
  reload(): void {
    const settings = this.options.settings();
    const built = buildScheduledJobs(this.options.catalog.view(), settings, this.options.timezone);
    const problems = [...built.problems];
    this.jobs = built.jobs;
    this.nextRunCache.clear();
    this.maintenanceCache = null;
    const window = settings.maintenanceWindow;
    this.window = window;
    try {
      this.maintenanceMatcher = compileCron(window.cron, this.options.timezone);
    } catch (error) {
      this.maintenanceMatcher = null;
      problems.push(`runbooks.maintenanceWindow.cron: "${window.cron}" is not a valid cron expression (${(error as Error).message}); no maintenance window.`);
    }
    this.currentProblems = problems;
    for (const problem of problems) {
      if (this.reportedProblems.has(problem)) continue;
      this.reportedProblems.add(problem);
      this.options.log.warn(problem);
      this.emit(() => this.options.onProblem?.(problem));
    }
  }

  /** Schedules that were left out at the last reload, in sentences. */
  problems(): string[] {
    return [...this.currentProblems];
  }

  view(): { schedules: ScheduleView[]; maintenance: MaintenanceWindowView } {
    const now = this.options.clock.now();
    const schedules = this.jobs.map((job) => ({
      runbookId: job.runbookId,
      cron: job.cron,
      source: job.source,
      nextRunAt: this.nextRunAt(job, now),
      lastRun: this.lastRun(job),
    }));
    return { schedules, maintenance: this.maintenance(now) };
  }

  /** The maintenance window is open now (whether it silences is the settings' `silenceNonCritical`). */
  isMaintenanceActive(): boolean {
    return this.maintenanceView().active;
  }

  /** The maintenance window now (computed once a minute: the status asks on every sample). */
  maintenanceView(): MaintenanceWindowView {
    return this.maintenance(this.options.clock.now());
  }

  private tick(): void {
    this.timer = null;
    if (!this.running) return;
    const now = this.options.clock.now();
    const minute = floorToMinute(now);
    const expected = this.checkedThrough + MINUTE_MS;
    // An early timer, or a clock set back, finds nothing new to check: it only waits again.
    if (minute >= expected) {
      let dueFrom = expected;
      if (now - expected > LATE_TICK_MS) {
        this.reportMissed(expected, minute, now);
        dueFrom = minute;
      }
      const due = this.jobs
        .map((job) => ({ job, at: matchesBetween(job.matcher, dueFrom, minute).at(-1) }))
        .filter((entry): entry is { job: ScheduledJob; at: number } => entry.at !== undefined);
      if (due.length > 0) this.refreshCatalog();
      for (const { job, at } of due) this.launch(job, at);
      this.checkedThrough = minute;
      this.options.state.setLastChecked(minute);
    }
    this.timer = this.options.clock.setTimeout(() => this.tick(), minute + MINUTE_MS - now);
  }

  /** The minutes from `from` up to (not including) `current` passed unchecked. */
  private reportMissed(from: number, current: number, now: number): void {
    const start = Math.max(from, current - MAX_GAP_MS);
    const catchUpMinutes = this.options.settings().catchUpMinutes;
    let refreshed = false;
    for (const job of this.jobs) {
      const missed = matchesBetween(job.matcher, start, current - MINUTE_MS);
      if (missed.length === 0) continue;
      const first = missed[0];
      const last = missed[missed.length - 1];
      const outcome: MissedOutcome = job.matcher.matches(current)
        ? 'due-now'
        : now - last <= catchUpMinutes * MINUTE_MS
          ? 'caught-up'
          : 'too-old';
      const counted = { count: missed.length, atLeast: start > from, first, last };
      const message = missedMessage(job.runbookId, counted, outcome, catchUpMinutes, this.options.timezone);
      this.options.log.warn(message);
      this.emit(() => this.options.onMissed({ job: refOf(job), ...counted, outcome, message }));
      if (outcome !== 'caught-up') continue;
      if (!refreshed) this.refreshCatalog();
      refreshed = true;
      this.launch(job, last);
    }
  }

  private launch(job: ScheduledJob, scheduledFor: number): void {
    const { runs, catalog, timezone } = this.options;
    const ref = refOf(job);
    const failed = (message: string) => {
      this.options.log.warn(`Scheduled run of ${job.runbookId} did not start: ${message}`);
      this.emit(() => this.options.onFailedToStart({ job: ref, scheduledFor, message }));
    };
    let run: RunDetail;
    try {
      const active = runs.activeRun(job.runbookId);
      if (active) {
        const message = skippedMessage(job.runbookId, scheduledFor, active, timezone);
        this.options.log.info(message);
        this.emit(() => this.options.onSkipped({ job: ref, scheduledFor, activeRun: active, message }));
        return;
      }
      const runbook = catalog.get(job.runbookId);
      if (!runbook) return failed(`the runbook "${job.runbookId}" is no longer in the library, or its file has errors.`);
      run = runs.start({
        runbookId: job.runbookId,
        hash: runbook.hash,
        params: job.params,
        mode: 'auto',
        trigger: 'schedule',
        startedBy: `schedule ${job.cron}`,
      });
    } catch (error) {
      return failed((error as Error).message);
    }
    runs.settled(run.id).then(
      (settled) => this.emit(() => this.options.onFinished(settled, ref)),
      (error: unknown) => this.options.log.error(`Scheduled run #${run.id} of ${job.runbookId}: ${(error as Error).message}`),
    );
  }

  private refreshCatalog(): void {
    // The runner refuses a hash that is not the file on disk: read the files before asking.
    try {
      this.options.catalog.refresh();
    } catch (error) {
      this.options.log.warn(`Cannot re-read the runbook library: ${(error as Error).message}`);
    }
  }

  private nextRunAt(job: ScheduledJob, now: number): number | null {
    const minute = floorToMinute(now);
    const cached = this.nextRunCache.get(job.key);
    if (cached && (cached.at === null ? cached.from === minute : minute < cached.at)) return cached.at;
    const at = nextMatch(job.matcher, now, NEXT_RUN_LOOKAHEAD_MS);
    this.nextRunCache.set(job.key, { from: minute, at });
    return at;
  }

  private lastRun(job: ScheduledJob): RunSummary | null {
    try {
      const recent = this.options.runs.list({ limit: 50, runbookId: job.runbookId });
      return recent.find((run) => run.trigger === 'schedule' && run.startedBy === `schedule ${job.cron}`) ?? null;
    } catch (error) {
      this.options.log.warn(`Cannot list the runs of ${job.runbookId}: ${(error as Error).message}`);
      return null;
    }
  }

  private maintenance(now: number): MaintenanceWindowView {
    const minute = floorToMinute(now);
    if (this.maintenanceCache?.minute === minute) return this.maintenanceCache.view;
    const { cron, minutes } = this.window ?? this.options.settings().maintenanceWindow;
    const view = this.maintenanceMatcher
      ? maintenanceWindow(this.maintenanceMatcher, minutes, now)
      : { active: false, until: null, nextStartAt: null, cron, minutes };
    this.maintenanceCache = { minute, view };
    return view;
  }

  /** A listener that throws is logged; it never stops the scheduler. */
  private emit(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.options.log.error(`Runbook scheduler listener failed: ${(error as Error).message}`);
    }
  }
}

function refOf(job: ScheduledJob): ScheduledJobRef {
  return { runbookId: job.runbookId, cron: job.cron, source: job.source };
}
