import type { RunbookStep, RunMode, RunWait, StepCommand } from '../../../../shared/types/runbooks';
import { expandParamReferences } from '../format/paramValues';
import type { StepKindRegistry } from '../steps/registry';
import { RunRefusedError } from './runControl';
import type { RunRecord } from './runRecord';

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
    case 'failure': {
      const path =
        wait.offer.kind === 'goto' ? `go on at step '${wait.offer.stepId}'` : wait.offer.kind === 'runbook' ? `end the run and open runbook ${wait.offer.runbookId}` : 'end the run as failed';
      return `failed: retry it, skip it, ${path}, or cancel the run`;
    }
  }
}

/** The wait a command answers; refused when the step, the moment or the verb is wrong. */
export function checkCommand(record: RunRecord, stepIndex: number, command: StepCommand): RunWait {
  const { detail } = record;
  if (record.execution) throw new RunRefusedError(`${capitalise(record.label())} is running; wait for it to finish or cancel the run.`);
  if (stepIndex !== detail.currentStep) {
    throw new RunRefusedError(`Step ${stepIndex + 1} is not the current step: run #${detail.id} is at ${record.label()}. Reload the run.`);
  }
  const wait = detail.wait;
  if (!wait) throw new RunRefusedError(`Run #${detail.id} is not waiting for the operator.`);
  if (!allowedCommands(wait).includes(command)) {
    throw new RunRefusedError(`${capitalise(record.label())} ${describeWait(wait)}; "${command}" does not apply.`);
  }
  return wait;
}

/** Non-shell bodies get `${NAME}` replaced; a shell body is never touched (params are its environment). */
export function expandedBodyOf(step: RunbookStep, params: Readonly<Record<string, string>>): string {
  if (!step.block) return '';
  return step.block.kind === 'shell' ? step.block.body : expandParamReferences(step.block.body, params);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
