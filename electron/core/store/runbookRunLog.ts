import type Database from 'better-sqlite3';
import type {
  RunDetail,
  RunMode,
  RunState,
  RunSummary,
  RunTrigger,
  RunWait,
  StepAttempt,
  StepState,
  VerificationCheck,
} from '../../../shared/types/runbooks';

/** A run as first recorded (the store gives it its id; attempts are added as they start). */
export type NewRun = Omit<RunDetail, 'id' | 'endedAt' | 'steps' | 'attempts'>;

/** The fields of a run that change while it runs (all written at once; a resumed run goes on guided). */
export type RunUpdate = Pick<RunDetail, 'mode' | 'state' | 'currentStep' | 'wait' | 'summary' | 'suggestedRunbook' | 'notes' | 'endedAt'>;

export interface RunQuery {
  limit: number;
  /** Only runs with a smaller id (the next page of a newest-first list). */
  beforeId?: number;
  runbookId?: string;
}

/** The stored output excerpt is at most this many bytes (the capture's head and tail). */
export const MAX_STORED_OUTPUT_BYTES = 64 * 1024;

interface RunRow {
  id: number;
  runbook_id: string;
  runbook_title: string;
  hash: string;
  trigger: RunTrigger;
  started_by: string;
  mode: RunMode;
  state: RunState;
  params: string;
  current_step: number;
  step_count: number;
  wait: string | null;
  summary: string;
  suggested_runbook: string | null;
  notes: string;
  started_at: number;
  ended_at: number | null;
}

interface AttemptRow {
  attempt: number;
  step_index: number;
  step_id: string;
  state: StepState;
  command: string;
  exit_code: number | null;
  checks: string;
  output: string;
  output_bytes: number;
  output_truncated: number;
  summary: string;
  note: string;
  started_at: number | null;
  ended_at: number | null;
}

const RUN_COLUMNS =
  'id, runbook_id, runbook_title, hash, trigger, started_by, mode, state, params, current_step, step_count, wait, summary, suggested_runbook, notes, started_at, ended_at';
const SUMMARY_COLUMNS =
  'id, runbook_id, runbook_title, hash, trigger, started_by, mode, state, current_step, step_count, summary, started_at, ended_at';
const NO_UPPER_ID = Number.MAX_SAFE_INTEGER;

/**
 * The runbook_runs and runbook_steps tables: every run and every attempt at a step, each write
 * durable on return (like events), read newest first.
 */
export class RunbookRunLog {
  private readonly insertRun: Database.Statement<unknown[]>;
  private readonly updateRunRow: Database.Statement<unknown[]>;
  private readonly saveAttempt: Database.Statement<AttemptWrite>;
  private readonly runById: Database.Statement<[number], RunRow>;
  private readonly attemptsOf: Database.Statement<[number], AttemptRow>;
  private readonly page: Database.Statement<{ beforeId: number; limit: number }, RunRow>;
  private readonly pageByRunbook: Database.Statement<{ beforeId: number; limit: number; runbookId: string }, RunRow>;
  private readonly markInterrupted: (now: number) => number[];

  /**
   * @param ownerPid this process: its runs are its own to mark interrupted.
   * @param isAlive whether another process still runs (its unfinished runs are left to it).
   */
  constructor(
    db: Database.Database,
    private readonly ownerPid: number = process.pid,
    isAlive: (pid: number) => boolean = processIsAlive,
  ) {
    this.insertRun = db.prepare(
      `INSERT INTO runbook_runs(runbook_id, runbook_title, hash, trigger, started_by, mode, state, params, current_step, step_count,
         wait, summary, suggested_runbook, notes, started_at, ended_at, owner_pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    );
    this.updateRunRow = db.prepare(
      'UPDATE runbook_runs SET mode = ?, state = ?, current_step = ?, wait = ?, summary = ?, suggested_runbook = ?, notes = ?, ended_at = ? WHERE id = ?',
    );
    // One statement for a new attempt and its later updates (the step of an attempt never changes).
    this.saveAttempt = db.prepare(
      `INSERT INTO runbook_steps(run_id, attempt, step_index, step_id, state, command, exit_code, checks, output, output_bytes,
         output_truncated, summary, note, started_at, ended_at)
       VALUES (@runId, @attempt, @stepIndex, @stepId, @state, @command, @exitCode, @checks, @output, @outputBytes,
         @outputTruncated, @summary, @note, @startedAt, @endedAt)
       ON CONFLICT(run_id, attempt) DO UPDATE SET state = excluded.state, command = excluded.command, exit_code = excluded.exit_code,
         checks = excluded.checks, output = excluded.output, output_bytes = excluded.output_bytes,
         output_truncated = excluded.output_truncated, summary = excluded.summary, note = excluded.note,
         started_at = excluded.started_at, ended_at = excluded.ended_at`,
    );
    this.runById = db.prepare(`SELECT ${RUN_COLUMNS} FROM runbook_runs WHERE id = ?`);
    this.attemptsOf = db.prepare(
      `SELECT attempt, step_index, step_id, state, command, exit_code, checks, output, output_bytes, output_truncated, summary, note,
         started_at, ended_at FROM runbook_steps WHERE run_id = ? ORDER BY attempt`,
    );
    this.page = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM runbook_runs WHERE id < @beforeId ORDER BY id DESC LIMIT @limit`);
    this.pageByRunbook = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM runbook_runs WHERE runbook_id = @runbookId AND id < @beforeId ORDER BY id DESC LIMIT @limit`,
    );
    const unfinished = db.prepare<[], { id: number; owner_pid: number | null }>(
      "SELECT id, owner_pid FROM runbook_runs WHERE state IN ('running', 'waiting') ORDER BY id",
    );
    const interruptRun = db.prepare<[number, number]>(
      `UPDATE runbook_runs SET state = 'interrupted', wait = NULL, ended_at = ?,
         summary = 'interrupted at step ' || (current_step + 1) || ': Opsbar stopped while the run was ' || state WHERE id = ?`,
    );
    const interruptAttempts = db.prepare<[number, number]>(
      `UPDATE runbook_steps SET state = 'interrupted', ended_at = ?, summary = 'Opsbar stopped while this step ran'
         WHERE run_id = ? AND state IN ('running', 'pending')`,
    );
    const interrupt = db.transaction((now: number) => {
      const orphaned = (row: { owner_pid: number | null }) => row.owner_pid === null || row.owner_pid === this.ownerPid || !isAlive(row.owner_pid);
      const ids = unfinished.all().filter(orphaned).map((row) => row.id);
      for (const id of ids) {
        interruptRun.run(now, id);
        interruptAttempts.run(now, id);
      }
      return ids;
    });
    this.markInterrupted = (now) => interrupt.immediate(now);
  }

  /** Records a new run; returns it with its id. */
  create(run: NewRun): RunDetail {
    const result = this.insertRun.run(
      run.runbookId,
      run.runbookTitle,
      run.hash,
      run.trigger,
      run.startedBy,
      run.mode,
      run.state,
      JSON.stringify(run.params),
      run.currentStep,
      run.stepCount,
      run.wait === null ? null : JSON.stringify(run.wait),
      run.summary,
      run.suggestedRunbook,
      run.notes,
      run.startedAt,
      this.ownerPid,
    );
    return {
      ...run,
      params: { ...run.params },
      id: Number(result.lastInsertRowid),
      endedAt: null,
      steps: Array.from({ length: run.stepCount }, () => null),
      attempts: [],
    };
  }

  update(id: number, update: RunUpdate): void {
    this.updateRunRow.run(
      update.mode,
      update.state,
      update.currentStep,
      update.wait === null ? null : JSON.stringify(update.wait),
      update.summary,
      update.suggestedRunbook,
      update.notes,
      update.endedAt,
      id,
    );
  }

  addAttempt(runId: number, attempt: StepAttempt): void {
    this.saveAttempt.run(attemptRow(runId, attempt));
  }

  /** Rewrites the attempt numbered `attempt.attempt` of the run (its step never changes). */
  updateAttempt(runId: number, attempt: StepAttempt): void {
    this.saveAttempt.run(attemptRow(runId, attempt));
  }

  get(id: number): RunDetail | undefined {
    const row = this.runById.get(id);
    if (!row) return undefined;
    const attempts = this.attemptsOf.all(id).map(toAttempt);
    const steps: (StepAttempt | null)[] = Array.from({ length: row.step_count }, () => null);
    for (const attempt of attempts) {
      if (attempt.stepIndex >= 0 && attempt.stepIndex < steps.length) steps[attempt.stepIndex] = attempt;
    }
    return {
      ...toSummary(row),
      params: JSON.parse(row.params) as Record<string, string>,
      wait: row.wait === null ? null : (JSON.parse(row.wait) as RunWait),
      steps,
      attempts,
      suggestedRunbook: row.suggested_runbook,
      notes: row.notes,
    };
  }

  /** Newest first. */
  list(query: RunQuery): RunSummary[] {
    const limit = Math.max(0, Math.floor(query.limit));
    const beforeId = query.beforeId ?? NO_UPPER_ID;
    const rows =
      query.runbookId === undefined
        ? this.page.all({ beforeId, limit })
        : this.pageByRunbook.all({ beforeId, limit, runbookId: query.runbookId });
    return rows.map(toSummary);
  }

  /**
   * Runs left running or waiting by an Opsbar that stopped: recorded as interrupted (resumable
   * from their current step), their running attempts too. Returns their ids.
   */
  markUnfinishedInterrupted(now: number): number[] {
    return this.markInterrupted(now);
  }
}

function toSummary(row: Omit<RunRow, 'params' | 'wait' | 'suggested_runbook' | 'notes'>): RunSummary {
  return {
    id: row.id,
    runbookId: row.runbook_id,
    runbookTitle: row.runbook_title,
    hash: row.hash,
    trigger: row.trigger,
    startedBy: row.started_by,
    mode: row.mode,
    state: row.state,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    currentStep: row.current_step,
    stepCount: row.step_count,
    summary: row.summary,
  };
}

function toAttempt(row: AttemptRow): StepAttempt {
  return {
    attempt: row.attempt,
    stepIndex: row.step_index,
    stepId: row.step_id,
    state: row.state,
    command: row.command,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    exitCode: row.exit_code,
    output: row.output,
    outputBytes: row.output_bytes,
    outputTruncated: row.output_truncated === 1,
    checks: JSON.parse(row.checks) as VerificationCheck[],
    summary: row.summary,
    note: row.note,
  };
}

/** A last guard on the excerpt's size: the runner already stores only the capture's head and tail. */
function capOutput(text: string): { text: string; cut: boolean } {
  const bytes = Buffer.byteLength(text);
  if (bytes <= MAX_STORED_OUTPUT_BYTES) return { text, cut: false };
  const buffer = Buffer.from(text);
  const half = MAX_STORED_OUTPUT_BYTES / 2 - 64;
  const marker = `\n… ${bytes - 2 * half} bytes not kept …\n`;
  // Decoding a cut multi-byte character gives U+FFFD, which is fine for an excerpt.
  return { text: buffer.subarray(0, half).toString() + marker + buffer.subarray(bytes - half).toString(), cut: true };
}

/** `kill(pid, 0)` probes without signalling: ESRCH means gone; EPERM means alive but not ours. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface AttemptWrite {
  runId: number;
  attempt: number;
  stepIndex: number;
  stepId: string;
  state: string;
  command: string;
  exitCode: number | null;
  checks: string;
  output: string;
  outputBytes: number;
  outputTruncated: 0 | 1;
  summary: string;
  note: string;
  startedAt: number | null;
  endedAt: number | null;
}

function attemptRow(runId: number, attempt: StepAttempt): AttemptWrite {
  const output = capOutput(attempt.output);
  return {
    runId,
    attempt: attempt.attempt,
    stepIndex: attempt.stepIndex,
    stepId: attempt.stepId,
    state: attempt.state,
    command: attempt.command,
    exitCode: attempt.exitCode,
    checks: JSON.stringify(attempt.checks),
    output: output.text,
    outputBytes: attempt.outputBytes,
    outputTruncated: attempt.outputTruncated || output.cut ? 1 : 0,
    summary: attempt.summary,
    note: attempt.note,
    startedAt: attempt.startedAt,
    endedAt: attempt.endedAt,
  };
}
