import { RefusedError } from '../../refusedError';
import type { RunDetail, RunMode, RunSummary, RunTrigger, StepCommand } from '../../../../shared/types/runbooks';

export interface StartRunRequest {
  runbookId: string;
  /** sha256 of the file as the requester saw it: refused when the file on disk differs. */
  hash: string;
  /** Raw values; validated against the runbook's params (unknown names refused). */
  params: Record<string, string>;
  mode: RunMode;
  trigger: RunTrigger;
  /** "operator", "cli", "schedule 0 8 * * *"… */
  startedBy: string;
  /** Confirm `confirm` steps without asking (CLI --yes). Manual steps still wait. */
  preconfirmed?: boolean;
}

/** A request the runner refuses: the message is for the operator ("the file changed since it was shown"). */
export class RunRefusedError extends RefusedError {
  override readonly name: string = 'RunRefusedError';
}

/**
 * What the core, the CLI and the scheduler may ask of the runbook runner. Every verb names a
 * run, a step and an action: no command text ever comes in.
 */
export interface RunControl {
  start(request: StartRunRequest): RunDetail;
  /** Run, skip, retry, confirm a step, or follow a failed step's failure path. `stepIndex` must be the run's current step. */
  command(runId: number, stepIndex: number, command: StepCommand, note?: string): RunDetail;
  /** Kills the running step's process group; the run ends cancelled. */
  cancel(runId: number): RunDetail;
  /** Resumes an interrupted run from its current step (refused if the runbook file changed). */
  resume(runId: number): RunDetail;
  get(runId: number): RunDetail;
  list(query: { limit: number; runbookId?: string; beforeId?: number }): RunSummary[];
  /** Resolves when the run ends or waits for the operator. */
  settled(runId: number): Promise<RunDetail>;
  /** A run of this runbook is running or waiting (the scheduler skips overlapping runs). */
  activeRun(runbookId: string): RunSummary | null;
  /** Kills running steps and records their runs as interrupted (app quitting). */
  shutdown(): Promise<void>;
}
