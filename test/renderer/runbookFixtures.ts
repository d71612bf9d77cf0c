// Runbook data for component tests: a small library, one runbook in full, runs at each kind of wait.
import type {
  InvalidRunbook,
  Runbook,
  RunbookLibraryView,
  RunbookSummary,
  RunDetail,
  RunOutputChunk,
  RunWait,
  ScheduleView,
  StepAttempt,
  StepBlock,
  MaintenanceWindowView,
} from '../../shared/types/runbooks';
import type { LiveMessage } from '../../shared/api/live';
import { runChange, runHeadOf } from '../../shared/runbooks/applyRunChange';
import { NOW } from './fixtures';

export const HASH = 'a'.repeat(64);

export function summary(overrides: Partial<RunbookSummary> & { id: string; title: string }): RunbookSummary {
  return {
    category: 'daily',
    severity: null,
    estimatedMinutes: null,
    triggers: [],
    schedule: null,
    origin: 'builtin',
    file: `runbooks/${overrides.id}.md`,
    hash: HASH,
    stepCount: 3,
    executableSteps: 3,
    needsOperator: false,
    description: '',
    ...overrides,
  };
}

export const invalidRunbook: InvalidRunbook = {
  file: '/home/op/runbooks/broken.md',
  origin: 'user',
  id: 'broken-one',
  problems: [
    { file: '/home/op/runbooks/broken.md', line: 3, message: 'unknown key "sevrity"' },
    { file: '/home/op/runbooks/broken.md', line: 17, message: 'unterminated fence' },
  ],
};

export function library(): RunbookLibraryView {
  return {
    runbooks: [
      summary({ id: 'docker-answers', title: 'Docker answers', category: 'daily', severity: 'info', estimatedMinutes: 1, schedule: '0 8 * * *', description: 'Checks the engine answers.' }),
      summary({ id: 'disk-full', title: 'Disk almost full', category: 'incident', severity: 'critical', estimatedMinutes: 10, triggers: ['disk.free'], needsOperator: true, description: 'Frees space safely.' }),
      summary({ id: 'gpu-hang', title: 'GPU hang', category: 'emergency', severity: 'emergency', estimatedMinutes: 5, triggers: ['gpu.stuck'] }),
      summary({ id: 'prune-images', title: 'Prune images', category: 'maintenance', severity: 'warning', schedule: '5 4 1-7 * 0', origin: 'user', file: '/home/op/runbooks/prune.md' }),
    ],
    invalid: [invalidRunbook],
    directories: { builtin: '/opt/opsbar/runbooks', user: '/home/op/runbooks' },
  };
}

export function block(overrides: Partial<StepBlock> = {}): StepBlock {
  return {
    kind: 'shell',
    body: 'docker info',
    attributes: {},
    timeoutMs: 60_000,
    confirm: null,
    onFailure: { kind: 'stop' },
    onSuccess: { kind: 'next' },
    line: 10,
    ...overrides,
  };
}

export function runbook(overrides: Partial<Runbook> = {}): Runbook {
  return {
    ...library().runbooks[0],
    params: [
      { name: 'STACK', type: 'string', default: '', pattern: '[a-z0-9-]*', description: 'Compose project to look at', required: false },
      { name: 'MODE', type: 'enum', values: ['quick', 'full'], default: 'quick', description: 'How deep to check', required: false },
      { name: 'PRUNE', type: 'boolean', default: 'false', description: 'Also prune dangling images', required: false },
      { name: 'KEEP', type: 'number', description: 'Images to keep', required: true },
    ],
    intro: 'Checks the **engine** before anything else.\n\nSee [the Docker docs](https://docs.docker.com/engine/).',
    steps: [
      {
        index: 0,
        id: 'engine-responds',
        title: 'Engine responds',
        prose: 'Asks the daemon for its version.',
        block: block({ body: "docker version --format '{{.Server.Version}}'", timeoutMs: 15_000, attributes: { 'expect-output': '^[0-9]+\\.' } }),
        expectedOutput: '24.0.7',
        line: 12,
      },
      {
        index: 1,
        id: 'prune',
        title: 'Prune dangling images',
        prose: 'Removes images no container uses.',
        block: block({ body: 'docker image prune -f', confirm: 'Deletes dangling images', onFailure: { kind: 'goto', stepId: 'engine-responds' } }),
        expectedOutput: null,
        line: 20,
      },
      {
        index: 2,
        id: 'look-at-fans',
        title: 'Look at the fans',
        prose: '',
        block: block({ kind: 'manual', body: 'Check the GPU fans spin.', onFailure: { kind: 'runbook', runbookId: 'gpu-hang' } }),
        expectedOutput: null,
        line: 30,
      },
    ],
    ...overrides,
  };
}

export function attempt(overrides: Partial<StepAttempt> & { stepIndex: number }): StepAttempt {
  return {
    attempt: 1,
    stepId: runbook().steps[overrides.stepIndex]?.id ?? `step-${overrides.stepIndex}`,
    state: 'passed',
    command: 'docker info',
    startedAt: NOW - 5_000,
    endedAt: NOW - 4_000,
    exitCode: 0,
    output: '24.0.7\n',
    outputBytes: 7,
    outputTruncated: false,
    checks: [],
    summary: 'exit code 0, output matched',
    note: '',
    ...overrides,
  };
}

export function run(overrides: Partial<RunDetail> = {}): RunDetail {
  return {
    id: 42,
    runbookId: 'docker-answers',
    runbookTitle: 'Docker answers',
    hash: HASH,
    trigger: 'operator',
    startedBy: 'operator',
    mode: 'guided',
    state: 'waiting',
    startedAt: NOW - 10_000,
    endedAt: null,
    currentStep: 0,
    stepCount: 3,
    summary: '',
    params: { MODE: 'quick' },
    wait: { kind: 'next-step' },
    steps: [null, null, null],
    attempts: [],
    suggestedRunbook: null,
    notes: '',
    ...overrides,
  };
}

/** A run waiting at `stepIndex` for `wait`, the steps before it passed. */
export function runWaitingAt(stepIndex: number, wait: RunWait, overrides: Partial<RunDetail> = {}): RunDetail {
  const done = Array.from({ length: stepIndex }, (_, i) => attempt({ stepIndex: i }));
  const steps: (StepAttempt | null)[] = [0, 1, 2].map((i) => done[i] ?? null);
  return run({ currentStep: stepIndex, wait, steps, attempts: done, ...overrides });
}

export function chunk(overrides: Partial<RunOutputChunk> & { text: string }): RunOutputChunk {
  return { runId: 42, stepIndex: 0, attempt: 1, totalBytes: new TextEncoder().encode(overrides.text).length, skipped: 0, ...overrides };
}

export function schedules(): { schedules: ScheduleView[]; maintenance: MaintenanceWindowView } {
  return {
    schedules: [
      { runbookId: 'docker-answers', cron: '0 8 * * *', source: 'runbook', nextRunAt: NOW + 3_600_000, lastRun: { ...run({ id: 7, state: 'succeeded', endedAt: NOW - 86_000_000, trigger: 'schedule' }) } },
      { runbookId: 'prune-images', cron: '5 4 1-7 * 0', source: 'config', nextRunAt: null, lastRun: null },
    ],
    maintenance: { active: false, until: null, nextStartAt: NOW + 7_200_000, cron: '0 3 * * 0', minutes: 120 },
  };
}

/** The live `run` message for a run: its head and `attempts` (default: all of them, as a run's first message). */
export function runMessage(detail: RunDetail, attempts: StepAttempt[] = detail.attempts): LiveMessage {
  return runChange(runHeadOf(detail), attempts);
}
