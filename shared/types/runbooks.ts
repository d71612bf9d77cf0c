/**
 * Runbooks: markdown procedures whose steps run, show their output and are verified.
 * The file format is described in docs/runbook-format.md; the parser lives in
 * electron/core/runbooks/format, the runner in electron/core/runbooks/run.
 */

export const RUNBOOK_CATEGORIES = ['daily', 'incident', 'emergency', 'maintenance', 'deployment', 'backup'] as const;
export type RunbookCategory = (typeof RUNBOOK_CATEGORIES)[number];

/** Severity of the situation a runbook answers (the alert ladder operators use). */
export const RUNBOOK_SEVERITIES = ['info', 'warning', 'critical', 'emergency'] as const;
export type RunbookSeverity = (typeof RUNBOOK_SEVERITIES)[number];

export const PARAM_TYPES = ['string', 'number', 'boolean', 'enum'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** A typed parameter; its value reaches commands as the environment variable `name`. */
export interface RunbookParam {
  /** Upper-case identifier, also the environment variable name, e.g. `STACK`. */
  name: string;
  type: ParamType;
  default?: string;
  /** For `enum`: the allowed values. */
  values?: string[];
  /** For `string`: a regular expression the whole value must match. */
  pattern?: string;
  description: string;
  required: boolean;
}

/** What happens after a step: go on, stop, jump to a step (by id) or suggest another runbook. */
export type StepTransition =
  | { kind: 'next' }
  | { kind: 'stop' }
  | { kind: 'continue' }
  | { kind: 'goto'; stepId: string }
  | { kind: 'runbook'; runbookId: string };

/** The executable block of a step, exactly as written (attributes validated by the step kind). */
export interface StepBlock {
  /** Step kind: `shell`, `http`, `container-health`, `manual`, `action` (plug-ins). */
  kind: string;
  /** The block's text, run as written (shell) or read by the kind (URL, container name…). */
  body: string;
  /** Kind-specific attributes, already validated; common ones are lifted into `RunbookStep`. */
  attributes: Record<string, string>;
  timeoutMs: number;
  /** Destructive: an operator must confirm before it runs (the message says what it does). */
  confirm: string | null;
  onFailure: StepTransition;
  onSuccess: StepTransition;
  /** 1-based line of the opening fence in the file. */
  line: number;
}

export interface RunbookStep {
  index: number;
  /** Unique within the runbook: the heading's slug, or the block's `id` attribute. */
  id: string;
  title: string;
  /** Markdown prose under the heading (rendered safely by the UI). */
  prose: string;
  block: StepBlock | null;
  /** The "Expected output" block shown beside the step, if any. */
  expectedOutput: string | null;
  line: number;
}

export interface RunbookProblem {
  file: string;
  line: number;
  message: string;
}

export interface RunbookSummary {
  id: string;
  title: string;
  category: RunbookCategory;
  severity: RunbookSeverity | null;
  estimatedMinutes: number | null;
  triggers: string[];
  schedule: string | null;
  /** `builtin` (shipped in runbooks/) or `user` (the configured directory). */
  origin: 'builtin' | 'user';
  file: string;
  /** sha256 of the file's bytes: a run pins it, and refuses if the file changed. */
  hash: string;
  stepCount: number;
  /** Steps that run something (not prose-only). */
  executableSteps: number;
  /** Needs an operator (manual or confirm steps): a scheduled run will pause there. */
  needsOperator: boolean;
  description: string;
}

export interface Runbook extends RunbookSummary {
  params: RunbookParam[];
  /** Prose before the first step. */
  intro: string;
  steps: RunbookStep[];
}

/** A file that failed to parse: listed, never run. */
export interface InvalidRunbook {
  file: string;
  origin: 'builtin' | 'user';
  /** The id from the front matter, when it could be read. */
  id: string | null;
  problems: RunbookProblem[];
}

export interface RunbookLibraryView {
  runbooks: RunbookSummary[];
  invalid: InvalidRunbook[];
  directories: { builtin: string; user: string | null };
}

// ---- runs ----

export type RunTrigger = 'operator' | 'cli' | 'schedule' | 'tray';
export type RunMode = 'guided' | 'auto';

export const RUN_STATES = [
  'running',
  /** Waiting for the operator: the next step (guided), a confirmation, a manual step or a failure decision. */
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
  /** The app stopped while it ran: resumable from its current step. */
  'interrupted',
] as const;
export type RunState = (typeof RUN_STATES)[number];

export const STEP_STATES = ['pending', 'running', 'passed', 'failed', 'skipped', 'cancelled', 'interrupted'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** One check of a step's result: what was expected, what came, whether it passed. */
export interface VerificationCheck {
  label: string;
  expected: string;
  actual: string;
  passed: boolean;
}

/** Why a run waits, so the UI can offer the right buttons. */
export type RunWait =
  | { kind: 'next-step' }
  | { kind: 'confirm'; message: string }
  | { kind: 'manual'; instruction: string }
  | { kind: 'failure'; offer: StepTransition };

/** One attempt at one step (a retry is a new attempt). */
export interface StepAttempt {
  attempt: number;
  stepIndex: number;
  stepId: string;
  state: StepState;
  /** The exact text that ran (after nothing was substituted into shell text). */
  command: string;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  /** Head and tail of the output; `outputBytes` says how much there was in all. */
  output: string;
  outputBytes: number;
  outputTruncated: boolean;
  checks: VerificationCheck[];
  /** A short sentence: "exit code 0, output matched", "timed out after 30 s", "skipped by operator". */
  summary: string;
  note: string;
}

export interface RunSummary {
  id: number;
  runbookId: string;
  runbookTitle: string;
  hash: string;
  trigger: RunTrigger;
  /** Who or what started it: "operator", "cli", "schedule 0 8 * * *". */
  startedBy: string;
  mode: RunMode;
  state: RunState;
  startedAt: number;
  endedAt: number | null;
  /** The step the run is at (or stopped at). */
  currentStep: number;
  stepCount: number;
  summary: string;
}

/** A run without its attempts: what a live `run` message carries beside the attempts that changed. */
export interface RunHead extends RunSummary {
  params: Record<string, string>;
  wait: RunWait | null;
  /** A suggested next runbook when a failure path points to one. */
  suggestedRunbook: string | null;
  notes: string;
}

export interface RunDetail extends RunHead {
  /** Latest attempt per step index (null: not reached yet). */
  steps: (StepAttempt | null)[];
  /** Every attempt in order, retries included. */
  attempts: StepAttempt[];
}

/** Live output of a running step: appended text (bounded per message). */
export interface RunOutputChunk {
  runId: number;
  stepIndex: number;
  attempt: number;
  text: string;
  /** Bytes the step has printed so far; `skipped` bytes were not sent live (the cap). */
  totalBytes: number;
  skipped: number;
}

export type StepCommand = 'run' | 'skip' | 'retry' | 'confirm' | 'follow-failure';

export interface ScheduleView {
  runbookId: string;
  cron: string;
  source: 'runbook' | 'config';
  nextRunAt: number | null;
  lastRun: RunSummary | null;
}

export interface MaintenanceWindowView {
  active: boolean;
  /** When the current window ends, or the next one starts. */
  until: number | null;
  nextStartAt: number | null;
  cron: string;
  minutes: number;
}
