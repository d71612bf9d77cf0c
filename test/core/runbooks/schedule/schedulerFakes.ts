import { defaultSettings, type Settings } from '../../../../shared/config/settingsSchema';
import type { Runbook, RunbookLibraryView, RunDetail, RunState, RunSummary } from '../../../../shared/types/runbooks';
import { silentLogger } from '../../../../electron/core/logger';
import { RunRefusedError, type StartRunRequest } from '../../../../electron/core/runbooks/run/runControl';
import { MemoryScheduleState, type ScheduleState } from '../../../../electron/core/runbooks/schedule/scheduleStateFile';
import {
  RunbookScheduler,
  type FailedStart,
  type MissedRuns,
  type ScheduledJobRef,
  type SkippedRun,
} from '../../../../electron/core/runbooks/schedule/runbookScheduler';
import { TestClock } from '../../../support/testClock';

export const utc = (text: string): number => Date.parse(`${text}Z`);

function runbook(id: string, schedule: string | null): Runbook {
  return {
    id,
    title: id,
    category: 'daily',
    severity: null,
    estimatedMinutes: null,
    triggers: [],
    schedule,
    origin: 'builtin',
    file: `/runbooks/${id}.md`,
    hash: `hash-${id}`,
    stepCount: 1,
    executableSteps: 1,
    needsOperator: false,
    description: '',
    params: [],
    intro: '',
    steps: [],
  };
}

/** A library of runbooks given as id → front-matter schedule (crons joined by "; "). */
export class FakeCatalog {
  refreshes = 0;
  invalid: RunbookLibraryView['invalid'] = [];
  private runbooks: Runbook[];

  constructor(schedules: Record<string, string | null>) {
    this.runbooks = Object.entries(schedules).map(([id, schedule]) => runbook(id, schedule));
  }

  view(): RunbookLibraryView {
    return { runbooks: this.runbooks, invalid: this.invalid, directories: { builtin: '/runbooks', user: null } };
  }

  get(id: string): Runbook | undefined {
    return this.runbooks.find((r) => r.id === id);
  }

  refresh(): void {
    this.refreshes++;
  }

  remove(id: string): void {
    this.runbooks = this.runbooks.filter((r) => r.id !== id);
  }
}

/** Runs that end when the test says so (or at once, with `endWith`). */
export class FakeRuns {
  readonly started: (StartRunRequest & { at: number })[] = [];
  endWith: RunState | null = null;
  refuse: string | null = null;
  private readonly runs: { detail: RunDetail; settle: (run: RunDetail) => void; settled: Promise<RunDetail> }[] = [];

  constructor(private readonly clock: TestClock) {}

  start(request: StartRunRequest): RunDetail {
    if (this.refuse) throw new RunRefusedError(this.refuse);
    this.started.push({ ...request, at: this.clock.now() });
    const detail: RunDetail = {
      id: this.runs.length + 1,
      runbookId: request.runbookId,
      runbookTitle: request.runbookId,
      hash: request.hash,
      trigger: request.trigger,
      startedBy: request.startedBy,
      mode: request.mode,
      state: 'running',
      startedAt: this.clock.now(),
      endedAt: null,
      currentStep: 0,
      stepCount: 1,
      summary: '',
      params: request.params,
      wait: null,
      steps: [null],
      attempts: [],
      suggestedRunbook: null,
      notes: '',
    };
    let settle!: (run: RunDetail) => void;
    const settled = new Promise<RunDetail>((resolve) => (settle = resolve));
    this.runs.push({ detail, settle, settled });
    if (this.endWith) this.end(detail.id, this.endWith);
    return { ...detail };
  }

  end(id: number, state: RunState): void {
    const run = this.runs[id - 1];
    run.detail.state = state;
    if (state !== 'waiting') run.detail.endedAt = this.clock.now();
    run.settle({ ...run.detail });
  }

  settled(id: number): Promise<RunDetail> {
    return this.runs[id - 1].settled;
  }

  activeRun(runbookId: string): RunSummary | null {
    const run = this.runs.find((r) => r.detail.runbookId === runbookId && (r.detail.state === 'running' || r.detail.state === 'waiting'));
    return run ? { ...run.detail } : null;
  }

  list(query: { limit: number; runbookId?: string }): RunSummary[] {
    return this.runs
      .map((r) => r.detail)
      .filter((r) => !query.runbookId || r.runbookId === query.runbookId)
      .reverse()
      .slice(0, query.limit);
  }
}

export interface Harness {
  clock: TestClock;
  catalog: FakeCatalog;
  runs: FakeRuns;
  settings: Settings['runbooks'];
  scheduler: RunbookScheduler;
  missed: MissedRuns[];
  skipped: SkippedRun[];
  finished: { run: RunDetail; job: ScheduledJobRef }[];
  failed: FailedStart[];
  problems: string[];
}

export function harness(options: {
  at: string;
  runbooks: Record<string, string | null>;
  settings?: Partial<Settings['runbooks']>;
  state?: ScheduleState;
  clock?: TestClock;
}): Harness {
  const clock = options.clock ?? new TestClock(utc(options.at));
  const catalog = new FakeCatalog(options.runbooks);
  const runs = new FakeRuns(clock);
  const h = {
    clock,
    catalog,
    runs,
    settings: { ...defaultSettings().runbooks, ...options.settings },
    missed: [],
    skipped: [],
    finished: [],
    failed: [],
    problems: [],
  } as Omit<Harness, 'scheduler'> as Harness;
  h.scheduler = new RunbookScheduler({
    clock,
    catalog,
    runs,
    settings: () => h.settings,
    state: options.state ?? new MemoryScheduleState(),
    log: silentLogger,
    timezone: 'UTC',
    onMissed: (m) => h.missed.push(m),
    onSkipped: (s) => h.skipped.push(s),
    onFinished: (run, job) => h.finished.push({ run, job }),
    onFailedToStart: (f) => h.failed.push(f),
    onProblem: (p) => h.problems.push(p),
  });
  return h;
}

/** "YYYY-MM-DDTHH:MM" of each start, in UTC. */
export const startTimes = (runs: FakeRuns): string[] => runs.started.map((s) => new Date(s.at).toISOString().slice(0, 16));
