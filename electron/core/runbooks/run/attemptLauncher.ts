import { dirname } from 'node:path';
import type { LiveMessage } from '../../../../shared/api/live';
import type { RunbookStep, StepAttempt, StepBlock } from '../../../../shared/types/runbooks';
import type { Clock } from '../../clock';
import type { StepKindRegistry } from '../steps/registry';
import type { StepServices } from '../steps/stepKind';
import { LiveOutputThrottle } from './liveOutputThrottle';
import type { RunRecord } from './runRecord';
import { runStepAttempt, type StepOutcome } from './stepExecutor';

export interface AttemptLauncherDeps {
  kinds: StepKindRegistry;
  services: StepServices;
  clock: Clock;
  dataDir: string;
  publish(message: LiveMessage): void;
}

/**
 * Starts one attempt at a step with a block: its controller (the runner aborts it to cancel),
 * the kind's execution context (params beside the body, never in it; Opsbar's variables) and
 * throttled live output. Resolves with the outcome once the kind returned and output stopped.
 */
export function launchAttempt(
  deps: AttemptLauncherDeps,
  record: RunRecord,
  step: RunbookStep & { block: StepBlock },
  attempt: StepAttempt,
  expandedBody: string,
): { controller: AbortController; outcome: Promise<StepOutcome> } {
  const controller = new AbortController();
  const throttle = new LiveOutputThrottle(deps.clock, (piece) =>
    deps.publish({ type: 'run-output', chunk: { runId: record.id, stepIndex: attempt.stepIndex, attempt: attempt.attempt, ...piece } }),
  );
  const outcome = runStepAttempt({
    kind: deps.kinds.get(step.block.kind),
    execution: {
      block: step.block,
      expandedBody,
      params: { ...record.detail.params },
      opsbarEnv: {
        OPSBAR_RUN_ID: String(record.id),
        OPSBAR_STEP_ID: step.id,
        OPSBAR_DATA_DIR: deps.dataDir,
        OPSBAR_RUNBOOK_DIR: dirname(record.runbook.file),
      },
      timeoutMs: step.block.timeoutMs,
      services: deps.services,
    },
    controller,
    clock: deps.clock,
    onOutput: (chunk) => throttle.write(chunk),
  }).finally(() => throttle.close());
  return { controller, outcome };
}
