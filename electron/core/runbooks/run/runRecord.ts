import type { LiveMessage } from '../../../../shared/api/live';
import { runChange, runHeadOf } from '../../../../shared/runbooks/applyRunChange';
import type { Runbook, RunbookStep, RunDetail, RunSummary, StepAttempt } from '../../../../shared/types/runbooks';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { AuditEntry } from '../../store/auditLog';
import type { NewRun, RunQuery, RunUpdate } from '../../store/runbookRunLog';

/** What the runner needs of the store (OpsbarStore has it; every write is durable on return). */
export interface RunStore {
  createRun(run: NewRun): RunDetail;
  updateRun(id: number, update: RunUpdate): void;
  addAttempt(runId: number, attempt: StepAttempt): void;
  updateAttempt(runId: number, attempt: StepAttempt): void;
  getRun(id: number): RunDetail | undefined;
  listRuns(query: RunQuery): RunSummary[];
  markUnfinishedRunsInterrupted(now: number): number[];
  addAudit(entry: AuditEntry): number;
}

export interface RunRecordDeps {
  store: RunStore;
  clock: Clock;
  publish(message: LiveMessage): void;
  log: Logger;
}

/** Why a running step's signal was aborted by the runner itself (a timeout aborts on its own). */
export type StopReason = 'cancel' | 'shutdown';

/**
 * One run the runner is driving: its detail (the truth, written to the store and published on
 * every change), the runbook as it was pinned, and what is in flight.
 */
export class RunRecord {
  /** How often each step was arrived at (the goto loop guard). */
  readonly visits = new Map<number, number>();
  /** The running attempt's controller and completion; null while waiting. */
  execution: { controller: AbortController; done: Promise<void>; stopping: StopReason | null } | null = null;
  /** The operator's note for the next attempt recorded. */
  pendingNote = '';
  private waiters: ((run: RunDetail) => void)[] = [];
  /** Each attempt's current copy for snapshots (dropped when the attempt is written again). */
  private readonly attemptCopies = new WeakMap<StepAttempt, StepAttempt>();
  /** Attempt copies made so far: the per-step cost, counted by a test. */
  copiesMade = 0;
  /**
   * Attempts added or written since the last published message; null until the first one, which
   * carries them all. A message with every attempt made each step cost O(steps) per subscriber.
   */
  private changedAttempts: Set<StepAttempt> | null = null;

  constructor(
    readonly detail: RunDetail,
    readonly runbook: Runbook,
    readonly preconfirmed: boolean,
    private readonly deps: RunRecordDeps,
  ) {}

  get id(): number {
    return this.detail.id;
  }

  get currentStep(): RunbookStep | undefined {
    return this.runbook.steps[this.detail.currentStep];
  }

  /** Running (a step executing) or waiting for the operator. */
  get active(): boolean {
    return this.detail.state === 'running' || this.detail.state === 'waiting';
  }

  /** "step 3 'Docker answers'" */
  label(index = this.detail.currentStep): string {
    const step = this.runbook.steps[index];
    return step ? `step ${index + 1} '${step.title}'` : `step ${index + 1}`;
  }

  /**
   * A copy callers may keep. Every save used to publish one, so a deep clone of all attempts made each
   * step cost O(steps) and a 5,000-step run O(steps²). An attempt's copy is made once and shared
   * by later snapshots until the attempt is written again (saveAttempt); only the run's own
   * fields and the two arrays of references are new each time.
   */
  snapshot(): RunDetail {
    const { steps, attempts, params, wait, ...fields } = this.detail;
    const copy = (attempt: StepAttempt) => this.copyOf(attempt);
    return {
      ...fields,
      params: { ...params },
      wait: wait === null ? null : structuredClone(wait),
      steps: steps.map((attempt) => (attempt ? copy(attempt) : null)),
      attempts: attempts.map(copy),
    };
  }

  private copyOf(attempt: StepAttempt): StepAttempt {
    let cloned = this.attemptCopies.get(attempt);
    if (!cloned) {
      cloned = structuredClone(attempt);
      this.attemptCopies.set(attempt, cloned);
      this.copiesMade++;
    }
    return cloned;
  }

  /** Writes the run's state, publishes it, and answers settled() callers once it waits or ended. */
  save(): void {
    const { mode, state, currentStep, wait, summary, suggestedRunbook, notes, endedAt } = this.detail;
    this.guard('record the run', () => this.deps.store.updateRun(this.id, { mode, state, currentStep, wait, summary, suggestedRunbook, notes, endedAt }));
    this.guard('publish the run', () => this.deps.publish(this.changeMessage()));
    if (this.detail.state !== 'running') {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve(this.snapshot());
    }
  }

  /** The head and the attempts changed since the last message (copies, like snapshot()). */
  private changeMessage(): LiveMessage {
    const changed = this.changedAttempts ? [...this.changedAttempts].sort((a, b) => a.attempt - b.attempt) : this.detail.attempts;
    this.changedAttempts = new Set();
    const head = runHeadOf(this.detail);
    const copy = { ...head, params: { ...head.params }, wait: head.wait === null ? null : structuredClone(head.wait) };
    return runChange(copy, changed.map((attempt) => this.copyOf(attempt)));
  }

  /** Resolves when the run waits for the operator or ends. */
  settled(): Promise<RunDetail> {
    if (this.detail.state !== 'running') return Promise.resolve(this.snapshot());
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Records a new attempt at the current step (numbered within the run) and returns it. */
  addAttempt(fields: Pick<StepAttempt, 'state' | 'command' | 'summary'> & Partial<StepAttempt>): StepAttempt {
    const index = this.detail.currentStep;
    const step = this.runbook.steps[index];
    const now = this.deps.clock.now();
    const attempt: StepAttempt = {
      attempt: this.detail.attempts.length + 1,
      stepIndex: index,
      stepId: step?.id ?? String(index),
      startedAt: now,
      endedAt: fields.state === 'running' ? null : now,
      exitCode: null,
      output: '',
      outputBytes: 0,
      outputTruncated: false,
      checks: [],
      note: this.takeNote(),
      ...fields,
    };
    this.detail.attempts.push(attempt);
    this.detail.steps[index] = attempt;
    this.changedAttempts?.add(attempt);
    this.guard('record the step', () => this.deps.store.addAttempt(this.id, attempt));
    return attempt;
  }

  /** Writes an attempt changed in place. */
  saveAttempt(attempt: StepAttempt): void {
    this.attemptCopies.delete(attempt);
    this.changedAttempts?.add(attempt);
    this.guard('record the step', () => this.deps.store.updateAttempt(this.id, attempt));
  }

  audit(action: string, outcome: AuditEntry['outcome'], details: Record<string, unknown> = {}): void {
    const entry: AuditEntry = {
      at: this.deps.clock.now(),
      actor: this.detail.startedBy,
      action,
      target: `${this.detail.runbookId}#${this.id}`,
      outcome,
      details: { trigger: this.detail.trigger, ...details },
    };
    this.guard('write the audit entry', () => this.deps.store.addAudit(entry));
  }

  private takeNote(): string {
    const note = this.pendingNote;
    this.pendingNote = '';
    return note;
  }

  /** A store or subscriber failure is logged: it must never stop the run or crash the core. */
  private guard(what: string, write: () => unknown): void {
    try {
      write();
    } catch (error) {
      this.deps.log.error(`runbook run #${this.id}: could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** "8 steps passed, 1 skipped" (and failed-but-continued, not reached). */
export function successSummary(run: RunDetail): string {
  const count = (state: string) => run.steps.filter((attempt) => attempt?.state === state).length;
  const passed = count('passed');
  const parts = [`${passed} ${passed === 1 ? 'step' : 'steps'} passed`];
  const skipped = count('skipped');
  const failed = count('failed');
  const notRun = run.steps.filter((attempt) => attempt === null).length;
  if (failed > 0) parts.push(`${failed} failed and went on`);
  if (skipped > 0) parts.push(`${skipped} skipped`);
  if (notRun > 0) parts.push(`${notRun} not run`);
  return parts.join(', ');
}
