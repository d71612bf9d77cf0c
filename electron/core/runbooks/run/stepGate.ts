import type { RunbookStep, RunMode, RunWait, StepCommand } from '../../../../shared/types/runbooks';
import type { StepKindRegistry } from '../steps/registry';

/**
 * What a step waits for before it runs, or null when it runs at once. One wait per step: a
 * manual step asks for its instruction to be done, a `confirm` step for the confirmation (unless
 * preconfirmed), and in guided mode any other step for the operator's "run" (or acknowledgement
 * of a prose-only step).
 */
export function gateFor(
  step: RunbookStep,
  options: { mode: RunMode; preconfirmed: boolean; kinds: StepKindRegistry; expandedBody: string; stepNumber: number },
): RunWait | null {
  const block = step.block;
  if (block && options.kinds.get(block.kind)?.needsOperator) return { kind: 'manual', instruction: options.expandedBody };
  if (block && block.confirm !== null && !options.preconfirmed) {
    const message = block.confirm.trim() || `Step ${options.stepNumber} '${step.title}' asks for a confirmation before it runs.`;
    return { kind: 'confirm', message };
  }
  return options.mode === 'guided' ? { kind: 'next-step' } : null;
}

const ALLOWED: Record<RunWait['kind'], readonly StepCommand[]> = {
  'next-step': ['run', 'skip'],
  confirm: ['confirm', 'skip'],
  manual: ['confirm', 'skip'],
  failure: ['retry', 'skip', 'follow-failure'],
};

/** The commands a wait accepts (cancel is always possible, through `cancel`). */
export function allowedCommands(wait: RunWait): readonly StepCommand[] {
  return ALLOWED[wait.kind];
}

/** "waits for its confirmation" — for refusals that say what the step expects instead. */
export function describeWait(wait: RunWait): string {
  switch (wait.kind) {
    case 'next-step':
      return 'waits to be run or skipped';
    case 'confirm':
      return 'waits for a confirmation (confirm or skip)';
    case 'manual':
      return 'waits for its manual instruction to be done (confirm or skip)';
    case 'failure':
      return 'failed and waits for a decision (retry, skip or follow-failure)';
  }
}
