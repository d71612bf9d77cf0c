import type { Settings } from '../../../../shared/config/settingsSchema';
import type { RunbookLibraryView } from '../../../../shared/types/runbooks';
import { scheduleExpressions } from '../format/cronSchedule';
import { compileCron, type CronMatcher } from './cronMatcher';

/** One thing the scheduler starts: a runbook, a cron, where the schedule was written. */
export interface ScheduledJob {
  /** Unique per job: runbook, cron and parameters. */
  key: string;
  runbookId: string;
  cron: string;
  source: 'runbook' | 'config';
  /** Config schedules may set parameters; front-matter schedules run with the defaults. */
  params: Record<string, string>;
  matcher: CronMatcher;
}

export interface ScheduledJobs {
  jobs: ScheduledJob[];
  /** Schedules that were left out, each in a sentence ("runbooks.schedules[1]: …"). */
  problems: string[];
}

/**
 * The jobs for a library and the runbooks settings: every valid runbook's front-matter
 * schedules (unless listed in `disabled`) and the config's `schedules`. A schedule that cannot
 * run is left out and said why; the others still run.
 */
export function buildScheduledJobs(library: RunbookLibraryView, settings: Settings['runbooks'], timezone?: string): ScheduledJobs {
  const jobs = new Map<string, ScheduledJob>();
  const problems: string[] = [];
  if (!settings.scheduling) return { jobs: [], problems };
  const add = (runbookId: string, cron: string, source: ScheduledJob['source'], params: Record<string, string>, where: string) => {
    let matcher: CronMatcher;
    try {
      matcher = compileCron(cron, timezone);
    } catch (error) {
      problems.push(`${where}: "${cron}" is not a valid cron expression (${(error as Error).message}); not scheduled.`);
      return;
    }
    const key = `${runbookId} ${cron} ${JSON.stringify(Object.entries(params).sort())}`;
    if (!jobs.has(key)) jobs.set(key, { key, runbookId, cron, source, params, matcher });
  };

  const disabled = new Set(settings.disabled);
  for (const runbook of library.runbooks) {
    if (disabled.has(runbook.id)) continue;
    for (const cron of scheduleExpressions(runbook.schedule)) add(runbook.id, cron, 'runbook', {}, `${runbook.id} (front matter)`);
  }

  const valid = new Set(library.runbooks.map((r) => r.id));
  const invalid = new Set(library.invalid.map((r) => r.id));
  settings.schedules.forEach((entry, index) => {
    const where = `runbooks.schedules[${index}] (${entry.runbook})`;
    if (!valid.has(entry.runbook)) {
      const why = invalid.has(entry.runbook) ? 'its file has errors' : 'no runbook has this id';
      problems.push(`${where}: ${why}; not scheduled.`);
      return;
    }
    add(entry.runbook, entry.cron, 'config', entry.params ?? {}, where);
  });
  return { jobs: [...jobs.values()], problems };
}
