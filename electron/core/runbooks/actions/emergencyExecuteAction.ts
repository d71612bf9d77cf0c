import type { ActionOutcome } from '../../../../shared/types/actions';
import type { VerificationCheck } from '../../../../shared/types/runbooks';
import type { ActionResult, OpsbarAction, OutputSink } from '../steps/stepKind';
import { NO_ACTION_SYSTEM, runbookActor, type EmergencyActionDeps } from './emergencyActionDeps';
import { FINAL_ITEM_STATES, itemOutcomeLine, outcomeText } from './emergencyPlanText';
import type { RunPlan } from './emergencyRunPlans';

export const NO_PLAN_IN_RUN =
  'no plan was made earlier in this run: an emergency.plan step must pass before emergency.execute (it executes only the plan its run showed); nothing was executed';

/**
 * `emergency.execute` (in a `confirm` step): executes exactly the plan this run's
 * `emergency.plan` step showed — its id and hash, all its selected items — writes each item's
 * outcome as it happens, and passes only when the run succeeded and its verification passed.
 * It never plans anything itself. A step timeout or cancel stops the plan before its next item.
 */
export function createEmergencyExecuteAction(deps: EmergencyActionDeps): OpsbarAction {
  return {
    name: 'emergency.execute',
    attributes: [],
    validate: () => [],
    async run(_attributes, signal, context): Promise<ActionResult> {
      if (!context) throw new Error('emergency.execute runs only as a step of a runbook run (it executes the plan the run made)');
      const planned = deps.plans.of(context.runId);
      if (!planned) return failed('a plan made earlier in this run', NO_PLAN_IN_RUN);
      const system = deps.system();
      if (!system) return failed('an action system', NO_ACTION_SYSTEM);
      if (planned.selectedItems === 0) {
        const actual = `plan ${planned.planId} has no items: nothing to execute`;
        return { passed: true, report: `${actual}\n`, checks: [{ label: 'execution', expected: 'the plan shown above', actual, passed: true }] };
      }

      // Without a live output (a direct call), the item lines go into the report instead.
      let buffered = '';
      const output: OutputSink = context.output ?? { write: (chunk) => (buffered += String(chunk)) };
      const items = new ItemLines(planned, output);
      const unsubscribe = deps.progress?.((outcome) => {
        if (outcome.planId === planned.planId) items.write(outcome);
      });
      const cancel = () => system.cancel(planned.planId);
      try {
        let started: ReturnType<typeof system.execute>;
        try {
          started = system.execute({ planId: planned.planId, hash: planned.hash }, runbookActor(context.runId));
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          return failed('the plan is executed', `plan ${planned.planId} was refused: ${why}. Nothing was executed; run the plan step again for a fresh plan.`);
        }
        output.write(`Executing plan ${planned.planId} (${planned.title}): ${planned.selectedItems} item${planned.selectedItems === 1 ? '' : 's'}\n`);
        items.write(started.outcome);
        signal.addEventListener('abort', cancel, { once: true });
        const final = await started.done;
        items.write(final);
        return { passed: succeeded(final), checks: checksOf(final), report: buffered + outcomeText(final) };
      } finally {
        signal.removeEventListener('abort', cancel);
        unsubscribe?.();
      }
    },
  };
}

/** Writes each item's outcome once, when it reaches a final state (progress messages repeat the whole run). */
class ItemLines {
  private readonly written = new Set<string>();
  constructor(
    private readonly plan: RunPlan,
    private readonly output: OutputSink,
  ) {}

  write(outcome: ActionOutcome): void {
    for (const item of outcome.items) {
      if (!FINAL_ITEM_STATES.has(item.outcome) || this.written.has(item.id)) continue;
      this.written.add(item.id);
      this.output.write(itemOutcomeLine(item, this.plan.names));
    }
  }
}

function succeeded(outcome: ActionOutcome): boolean {
  return outcome.state === 'succeeded' && outcome.verified?.passed === true;
}

function checksOf(outcome: ActionOutcome): VerificationCheck[] {
  const verified = outcome.verified;
  return [
    { label: 'action run', expected: 'succeeded', actual: outcome.message ? `${outcome.state}: ${outcome.message}` : outcome.state, passed: outcome.state === 'succeeded' },
    { label: 'verification', expected: 'passed (measured)', actual: verified ? `${verified.passed ? 'passed' : 'failed'}: ${verified.summary}` : 'not verified', passed: verified?.passed === true },
  ];
}

function failed(expected: string, actual: string): ActionResult {
  return { passed: false, report: `${actual}\n`, checks: [{ label: 'execution', expected, actual, passed: false }] };
}
