import type { StepBlock, VerificationCheck } from '../../../../shared/types/runbooks';

/**
 * A runbook step kind (shell, http, container-health, manual, action): one small contract,
 * registered in steps/registry.ts. The parser asks it to validate a block's own attributes
 * and body; the runner asks it to execute the block.
 */
export interface StepKind {
  readonly name: string;
  /** Attributes this kind accepts besides the common ones (id, timeout, confirm, on-failure, on-success). */
  readonly attributes: readonly string[];
  /** Needs an operator's hand every time (manual steps): unattended runs pause here. */
  readonly needsOperator?: boolean;
  /** Problems with the block's own attributes or body, as plain sentences (empty when valid). */
  validate(block: { body: string; attributes: Record<string, string> }): string[];
  execute(context: StepExecution): Promise<StepResult>;
}

/** Where a step's live output goes: the runner keeps head and tail and streams it. */
export interface OutputSink {
  write(chunk: string | Buffer): void;
}

export interface StepExecution {
  block: StepBlock;
  /** Body with `${NAME}` replaced by validated param values (non-shell kinds only; shell gets env). */
  expandedBody: string;
  /** Validated params, as environment variables. */
  params: Record<string, string>;
  /** OPSBAR_RUN_ID, OPSBAR_STEP_ID, OPSBAR_DATA_DIR, OPSBAR_RUNBOOK_DIR. */
  opsbarEnv: Record<string, string>;
  output: OutputSink;
  /** Aborted on cancel and when the step's timeout passes (the runner owns the timer). */
  signal: AbortSignal;
  timeoutMs: number;
  /** Everything a kind may need from the outside world, injected. */
  services: StepServices;
}

export interface StepServices {
  /** Spawns processes in their own group and kills the group on abort. */
  processes: import('../../process/processRunner').ProcessRunner;
  /** Docker inspection for container-health steps; null when Docker is not configured. */
  docker: ContainerHealthSource | null;
  /** Opsbar actions callable from `action` steps, by name. */
  actions: ActionRegistry;
  fetch: typeof fetch;
  clock: { now(): number; sleep(ms: number, signal: AbortSignal): Promise<void> };
  homeDir: string;
}

export interface ContainerHealthSource {
  /** Current state of one container, or null when it does not exist. */
  container(name: string): Promise<{ name: string; state: string; health: string | null } | null>;
  /** Containers of a compose project. */
  stack(project: string): Promise<{ name: string; state: string; health: string | null }[]>;
}

export interface ActionResult {
  passed: boolean;
  checks: VerificationCheck[];
  /** Lines written to the step's output. */
  report: string;
}

export interface OpsbarAction {
  readonly name: string;
  readonly attributes: readonly string[];
  validate(attributes: Record<string, string>): string[];
  /** `context`: the run calling it (actions that remember something per run, or stream their progress). */
  run(attributes: Record<string, string>, signal: AbortSignal, context?: ActionRunContext): Promise<ActionResult>;
}

/** Which run an `action` step belongs to, its validated params, and its live output (for progress before the report). */
export interface ActionRunContext {
  runId: number;
  params: Record<string, string>;
  output?: OutputSink;
}

export interface ActionRegistry {
  get(name: string): OpsbarAction | undefined;
  names(): string[];
}

/** What a step produced; the runner decides passed/failed from `checks` (all must pass). */
export interface StepResult {
  exitCode: number | null;
  checks: VerificationCheck[];
  /** "exit code 0, output matched", "timed out after 30 s", "nvidia-smi not found". */
  summary: string;
  timedOut?: boolean;
  cancelled?: boolean;
}
