import type { LiveMessage } from '../../../../shared/api/live';
import { runChange, runHeadOf } from '../../../../shared/runbooks/applyRunChange';
import type { RunbookStep, RunDetail, RunState, RunSummary, RunWait, StepCommand, StepTransition } from '../../../../shared/types/runbooks';
import { NotFoundError } from '../../api/dispatcher';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { AuditEntry } from '../../store/auditLog';
import type { RunbookCatalog } from '../format/runbookCatalog';
import type { StepKindRegistry } from '../steps/registry';
import type { StepServices } from '../steps/stepKind';
import { admitParams, admitRunbook } from './runAdmission';
import { RunRefusedError, type RunControl, type StartRunRequest } from './runControl';
import { RunRecord, successSummary, type RunStore, type StopReason } from './runRecord';
import { StepCancelledError } from './stepAbort';
import { launchAttempt } from './attemptLauncher';
import type { StepOutcome } from './stepExecutor';
import { checkCommand, describeWait, expandedBodyOf, gateFor } from './stepGate';

export type { RunStore } from './runRecord';

export interface RunbookRunnerDeps {
  catalog: RunbookCatalog;
  kinds: StepKindRegistry;
  services: StepServices;
  store: RunStore;
  clock: Clock;
  publish(message: LiveMessage): void;
  log: Logger;
  /** Opsbar's data directory (OPSBAR_DATA_DIR for steps). */
  dataDir: string;
}

/** A step arrived at more often than this in one run fails the run (a goto loop). */
export const MAX_STEP_VISITS = 5;
const MAX_NOTE_CHARS = 2000;

const AUDIT_OUTCOME: Record<RunState, AuditEntry['outcome']> = {
  running: 'confirmed',
  waiting: 'confirmed',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'cancelled',
};

const STEP_AUDIT_OUTCOME: Record<StepOutcome['verdict'] | 'interrupted', AuditEntry['outcome']> = {
  passed: 'succeeded',
  failed: 'failed',
  'timed-out': 'failed',
  cancelled: 'cancelled',
  interrupted: 'cancelled',
};
/** A step's command text in its audit row (a long script is cut: the run's attempt keeps it whole). */
const MAX_AUDIT_COMMAND_CHARS = 4000;

/**
 * Drives runbook runs: one step after another (auto) or at the operator's word (guided),
 * waiting for confirmations, manual steps and failure decisions, recording every run and
 * attempt in the store and publishing each change. Steps run the pinned runbook's text; params
 * reach shell steps only as environment variables.
 */
export class RunbookRunner implements RunControl {
  private readonly runs = new Map<number, RunRecord>();
  private stopping = false;

  constructor(private readonly deps: RunbookRunnerDeps) {
    const now = deps.clock.now();
    const interrupted = deps.store.markUnfinishedRunsInterrupted(now);
    for (const id of interrupted) {
      const run = deps.store.getRun(id);
      if (!run) continue;
      deps.log.warn(`Runbook run #${id} (${run.runbookId}) was interrupted when Opsbar stopped; it can be resumed from step ${run.currentStep + 1}.`);
      this.auditStored(run, 'runbook.end', 'cancelled', { state: 'interrupted', summary: run.summary });
    }
  }

  start(request: StartRunRequest): RunDetail {
    let params: Record<string, string>;
    let runbook;
    try {
      if (this.stopping) throw new RunRefusedError('Opsbar is stopping; start the run again once it is back.');
      runbook = admitRunbook(this.deps.catalog, request.runbookId, request.hash);
      params = admitParams(runbook, request.params);
      this.refuseOverlap(runbook.id, runbook.title);
    } catch (error) {
      this.deps.store.addAudit({
        at: this.deps.clock.now(),
        actor: request.startedBy,
        action: 'runbook.start',
        target: request.runbookId,
        outcome: 'failed',
        details: { trigger: request.trigger, mode: request.mode, reason: error instanceof Error ? error.message : String(error) },
      });
      throw error;
    }
    const detail = this.deps.store.createRun({
      runbookId: runbook.id,
      runbookTitle: runbook.title,
      hash: runbook.hash,
      trigger: request.trigger,
      startedBy: request.startedBy,
      mode: request.mode,
      state: 'running',
      params,
      currentStep: 0,
      stepCount: runbook.steps.length,
      wait: null,
      summary: '',
      suggestedRunbook: null,
      notes: '',
      startedAt: this.deps.clock.now(),
    });
    const record = new RunRecord(detail, runbook, request.preconfirmed === true, this.deps);
    this.runs.set(record.id, record);
    record.audit('runbook.start', 'confirmed', { mode: request.mode, hash: runbook.hash, params, preconfirmed: record.preconfirmed });
    this.enterStep(record, 0);
    return record.snapshot();
  }

  command(runId: number, stepIndex: number, command: StepCommand, note?: string): RunDetail {
    const record = this.activeRecord(runId);
    let wait: RunWait;
    try {
      wait = checkCommand(record, stepIndex, command);
    } catch (error) {
      record.audit(`runbook.${command}`, 'failed', { stepIndex, reason: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const text = (note ?? '').trim().slice(0, MAX_NOTE_CHARS);
    record.audit(`runbook.${command}`, 'confirmed', { stepIndex, stepId: record.currentStep?.id, ...(text ? { note: text } : {}) });
    if (command === 'follow-failure') {
      if (text) record.detail.notes = record.detail.notes ? `${record.detail.notes}\n${text}` : text;
      this.followFailure(record, wait.kind === 'failure' ? wait.offer : { kind: 'stop' });
    } else {
      record.pendingNote = text;
      if (command === 'skip') this.skipStep(record);
      else this.runStep(record);
    }
    return record.snapshot();
  }

  cancel(runId: number): RunDetail {
    const record = this.runs.get(runId);
    if (!record) return this.cancelStored(runId);
    record.audit('runbook.cancel', 'confirmed', { stepIndex: record.detail.currentStep });
    if (record.execution) {
      record.execution.stopping ??= 'cancel';
      record.execution.controller.abort(new StepCancelledError('cancelled by the operator'));
      return record.snapshot();
    }
    this.finish(record, 'cancelled', `cancelled at ${record.label()}`);
    return record.snapshot();
  }

  resume(runId: number): RunDetail {
    const active = this.runs.get(runId);
    if (active) throw new RunRefusedError(`Run #${runId} is already ${active.detail.state}.`);
    const stored = this.storedRun(runId);
    let runbook;
    let params: Record<string, string>;
    try {
      if (this.stopping) throw new RunRefusedError('Opsbar is stopping; resume the run once it is back.');
      if (stored.state !== 'interrupted') throw new RunRefusedError(`Run #${runId} is ${stored.state}; only an interrupted run can be resumed.`);
      runbook = admitRunbook(this.deps.catalog, stored.runbookId, stored.hash);
      params = admitParams(runbook, stored.params);
      this.refuseOverlap(runbook.id, runbook.title);
    } catch (error) {
      this.auditStored(stored, 'runbook.resume', 'failed', { reason: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const detail: RunDetail = { ...stored, params, mode: 'guided', state: 'running', wait: null, endedAt: null };
    const record = new RunRecord(detail, runbook, false, this.deps);
    this.runs.set(runId, record);
    record.audit('runbook.resume', 'confirmed', { stepIndex: stored.currentStep });
    this.enterStep(record, stored.currentStep);
    return record.snapshot();
  }

  get(runId: number): RunDetail {
    return this.runs.get(runId)?.snapshot() ?? this.storedRun(runId);
  }

  list(query: { limit: number; runbookId?: string; beforeId?: number }): RunSummary[] {
    return this.deps.store.listRuns(query);
  }

  settled(runId: number): Promise<RunDetail> {
    const record = this.runs.get(runId);
    if (record) return record.settled();
    try {
      return Promise.resolve(this.storedRun(runId));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  activeRun(runbookId: string): RunSummary | null {
    for (const record of this.runs.values()) {
      if (record.detail.runbookId === runbookId && record.active) {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { params, wait, steps, attempts, suggestedRunbook, notes, ...summary } = record.snapshot();
        return summary;
      }
    }
    return null;
  }

  async shutdown(): Promise<void> {
    this.stopping = true;
    const pending: Promise<void>[] = [];
    for (const record of [...this.runs.values()]) {
      if (record.execution) {
        record.execution.stopping ??= 'shutdown';
        record.execution.controller.abort(new StepCancelledError('Opsbar stopped'));
        pending.push(record.execution.done);
      } else {
        this.finish(record, 'interrupted', `interrupted at ${record.label()}: Opsbar stopped while the run waited`);
      }
    }
    await Promise.all(pending);
  }

  // ---- the flow ----

  /** Arrives at a step: ends the run past the last one, guards against loops, waits or runs. */
  private enterStep(record: RunRecord, index: number): void {
    const { detail, runbook } = record;
    if (index >= runbook.steps.length) return this.finish(record, 'succeeded', successSummary(detail));
    detail.currentStep = index;
    const step = runbook.steps[index];
    const visits = (record.visits.get(index) ?? 0) + 1;
    record.visits.set(index, visits);
    if (visits > MAX_STEP_VISITS) return this.finish(record, 'failed', `loop: step '${step.id}' ran ${MAX_STEP_VISITS} times`);
    const wait = gateFor(step, {
      mode: detail.mode,
      preconfirmed: record.preconfirmed,
      kinds: this.deps.kinds,
      expandedBody: expandedBodyOf(step, detail.params),
      stepNumber: index + 1,
    });
    if (wait) return this.waitFor(record, wait);
    this.runStep(record);
  }

  private waitFor(record: RunRecord, wait: RunWait): void {
    record.detail.state = 'waiting';
    record.detail.wait = wait;
    record.detail.summary = `${record.label()} ${describeWait(wait)}`;
    record.save();
  }

  /** Runs the current step (its gate passed): a new attempt. */
  private runStep(record: RunRecord): void {
    const step = record.currentStep as RunbookStep;
    const { detail } = record;
    if (!step.block) {
      record.addAttempt({ state: 'passed', command: '', summary: 'nothing to run: read and acknowledged' });
      return this.afterPassed(record, step);
    }
    const expandedBody = expandedBodyOf(step, detail.params);
    const attempt = record.addAttempt({ state: 'running', command: step.block.kind === 'shell' ? step.block.body : expandedBody, summary: 'running' });
    detail.state = 'running';
    detail.wait = null;
    detail.summary = `running ${record.label()}`;
    record.save();

    const { controller, outcome } = launchAttempt(
      { ...this.deps, publish: (message) => this.publishSafely(message) },
      record,
      { ...step, block: step.block },
      attempt,
      expandedBody,
    );
    const execution: NonNullable<RunRecord['execution']> = { controller, stopping: null, done: Promise.resolve() };
    record.execution = execution;
    execution.done = outcome
      .then((result) => {
        record.execution = null;
        this.finishAttempt(record, step, attempt, result, execution.stopping);
      })
      .catch((error: unknown) => {
        // A bug in the runner's own bookkeeping: end the run rather than leave it hanging.
        record.execution = null;
        this.deps.log.error(`runbook run #${record.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (record.active) this.finish(record, 'failed', `stopped at ${record.label()}: Opsbar failed to record the step`);
      });
  }

  private finishAttempt(
    record: RunRecord,
    step: RunbookStep,
    attempt: RunDetail['attempts'][number],
    outcome: StepOutcome,
    stopping: StopReason | null,
  ): void {
    Object.assign(attempt, {
      endedAt: this.deps.clock.now(),
      exitCode: outcome.exitCode,
      checks: outcome.checks,
      summary: outcome.summary,
      output: outcome.output,
      outputBytes: outcome.outputBytes,
      outputTruncated: outcome.outputTruncated,
    });
    // Every command a step executed is an audit row: what ran, how it ended (the run's rows say why it ran).
    const verdict = stopping === 'shutdown' ? 'interrupted' : stopping === 'cancel' ? 'cancelled' : outcome.verdict;
    record.audit('runbook.step', STEP_AUDIT_OUTCOME[verdict], {
      stepIndex: attempt.stepIndex,
      stepId: attempt.stepId,
      attempt: attempt.attempt,
      command: attempt.command.length > MAX_AUDIT_COMMAND_CHARS ? `${attempt.command.slice(0, MAX_AUDIT_COMMAND_CHARS)}…` : attempt.command,
      exitCode: outcome.exitCode,
      verdict,
      summary: outcome.summary,
    });
    if (stopping === 'shutdown') {
      attempt.state = 'interrupted';
      attempt.summary = 'Opsbar stopped while this step ran';
      record.saveAttempt(attempt);
      return this.finish(record, 'interrupted', `interrupted at ${record.label()}: Opsbar stopped while the step ran`);
    }
    if (stopping === 'cancel') {
      attempt.state = 'cancelled';
      attempt.summary = 'cancelled by the operator';
      record.saveAttempt(attempt);
      return this.finish(record, 'cancelled', `cancelled at ${record.label()} while it ran`);
    }
    attempt.state = outcome.verdict === 'passed' ? 'passed' : 'failed';
    record.saveAttempt(attempt);
    if (attempt.state === 'passed') this.afterPassed(record, step);
    else this.afterFailed(record, step);
  }

  private afterPassed(record: RunRecord, step: RunbookStep): void {
    const next = step.block?.onSuccess ?? { kind: 'next' };
    if (next.kind === 'stop') return this.finish(record, 'succeeded', successSummary(record.detail));
    if (next.kind === 'goto') return this.goto(record, next.stepId);
    this.enterStep(record, record.detail.currentStep + 1);
  }

  /** A failed step: go on (continue), ask the operator (guided), or follow its failure path (auto). */
  private afterFailed(record: RunRecord, step: RunbookStep): void {
    const offer = step.block?.onFailure ?? { kind: 'stop' };
    if (offer.kind === 'continue') return this.enterStep(record, record.detail.currentStep + 1);
    if (record.detail.mode === 'guided') return this.waitFor(record, { kind: 'failure', offer });
    this.followFailure(record, offer);
  }

  private followFailure(record: RunRecord, path: StepTransition): void {
    const attempt = record.detail.steps[record.detail.currentStep];
    const stoppedAt = `stopped at ${record.label()}: ${attempt?.summary || 'failed'}`;
    switch (path.kind) {
      case 'goto':
        return this.goto(record, path.stepId);
      case 'continue':
      case 'next':
        return this.enterStep(record, record.detail.currentStep + 1);
      case 'runbook':
        record.detail.suggestedRunbook = path.runbookId;
        return this.finish(record, 'failed', `${stoppedAt}; its failure path suggests the runbook ${path.runbookId}`);
      case 'stop':
        return this.finish(record, 'failed', stoppedAt);
    }
  }

  private goto(record: RunRecord, stepId: string): void {
    const index = record.runbook.steps.findIndex((step) => step.id === stepId);
    if (index < 0) return this.finish(record, 'failed', `stopped at ${record.label()}: it points to a step "${stepId}" that does not exist`);
    this.enterStep(record, index);
  }

  private skipStep(record: RunRecord): void {
    record.addAttempt({ state: 'skipped', command: '', summary: 'skipped by the operator' });
    this.enterStep(record, record.detail.currentStep + 1);
  }

  private finish(record: RunRecord, state: RunState, summary: string): void {
    const { detail } = record;
    detail.state = state;
    detail.wait = null;
    detail.summary = summary;
    detail.endedAt = this.deps.clock.now();
    record.save();
    record.audit('runbook.end', AUDIT_OUTCOME[state], { state, summary, stepIndex: detail.currentStep, suggestedRunbook: detail.suggestedRunbook });
    this.runs.delete(record.id);
  }

  // ---- checks and helpers ----

  private activeRecord(runId: number): RunRecord {
    const record = this.runs.get(runId);
    if (record) return record;
    const stored = this.storedRun(runId);
    const hint = stored.state === 'interrupted' ? '; resume it first' : '';
    throw new RunRefusedError(`Run #${runId} is ${stored.state}${hint}.`);
  }

  private storedRun(runId: number): RunDetail {
    const run = this.deps.store.getRun(runId);
    if (!run) throw new NotFoundError(`No runbook run #${runId}.`);
    return run;
  }

  private refuseOverlap(runbookId: string, title: string): void {
    const active = this.activeRun(runbookId);
    if (active) throw new RunRefusedError(`${title} is already ${active.state} (run #${active.id}); finish or cancel that run first.`);
  }

  /** An interrupted run the operator gives up on: recorded as cancelled. */
  private cancelStored(runId: number): RunDetail {
    const stored = this.storedRun(runId);
    if (stored.state !== 'interrupted') throw new RunRefusedError(`Run #${runId} already ended (${stored.state}).`);
    const summary = `cancelled after it was interrupted at step ${stored.currentStep + 1}`;
    const endedAt = this.deps.clock.now();
    const { mode, currentStep, suggestedRunbook, notes } = stored;
    this.deps.store.updateRun(runId, { mode, state: 'cancelled', currentStep, wait: null, summary, suggestedRunbook, notes, endedAt });
    this.auditStored(stored, 'runbook.cancel', 'confirmed', { stepIndex: currentStep });
    this.auditStored(stored, 'runbook.end', 'cancelled', { state: 'cancelled', summary });
    const run = this.storedRun(runId);
    this.publishSafely(runChange(runHeadOf(run), run.attempts));
    return run;
  }

  private auditStored(run: RunDetail, action: string, outcome: AuditEntry['outcome'], details: Record<string, unknown>): void {
    this.deps.store.addAudit({
      at: this.deps.clock.now(),
      actor: run.startedBy,
      action,
      target: `${run.runbookId}#${run.id}`,
      outcome,
      details: { trigger: run.trigger, ...details },
    });
  }

  private publishSafely(message: LiveMessage): void {
    try {
      this.deps.publish(message);
    } catch (error) {
      this.deps.log.error(`runbook runner: a subscriber failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
