import { actionPlanRequestSchema, containerRefSchema, stackNameSchema, type ActionPlanRequest } from '../../../../shared/api/contract/actions';
import { ACTION_NAMES, type ActionName } from '../../../../shared/types/actions';
import type { ActionResult, OpsbarAction } from '../steps/stepKind';
import { NO_ACTION_SYSTEM, runbookActor, type EmergencyActionDeps } from './emergencyActionDeps';
import { planText } from './emergencyPlanText';

const ATTRIBUTES = ['action', 'stack', 'snapshot', 'verb', 'container'] as const;

/**
 * `emergency.plan action=disk|gpu|rollback [stack=…] [snapshot=…]`, or `action=container
 * verb=restart|stop|start container=NAME` (or `verb=restart stack=NAME`): asks the action system for
 * a plan, writes it to the step output (items, what is kept and why, notes, refusals) and
 * remembers its id for this run's `emergency.execute` step. Touches nothing. A plan with
 * refusals fails the step and leaves the run without a plan to execute.
 */
export function createEmergencyPlanAction(deps: EmergencyActionDeps): OpsbarAction {
  return {
    name: 'emergency.plan',
    attributes: ATTRIBUTES,
    // Checked in run: a plan step with bad attributes must still forget the run's older plan.
    validate: () => [],
    async run(attributes, _signal, context): Promise<ActionResult> {
      if (!context) throw new Error('emergency.plan runs only as a step of a runbook run (it remembers the plan for the run)');
      // Whatever happens below, an older plan of this run must not be the one executed next.
      deps.plans.forget(context.runId);
      const request = requestOf(attributes);
      if (typeof request === 'string') return failed('valid attributes', request);
      const system = deps.system();
      if (!system) return failed('an action system', NO_ACTION_SYSTEM);
      const plan = await system.plan(request, runbookActor(context.runId));
      const report = planText(plan);
      if (plan.refusals.length > 0) {
        return { passed: false, report, checks: [{ label: 'plan refusals', expected: 'none', actual: plan.refusals.join('; '), passed: false }] };
      }
      const selected = plan.items.filter((item) => item.selected);
      deps.plans.remember(context.runId, {
        planId: plan.id,
        hash: plan.hash,
        title: plan.title,
        selectedItems: selected.length,
        names: new Map(plan.items.map((item) => [item.id, `${item.kind} ${item.name}`])),
      });
      const actual = `plan ${plan.id}: ${selected.length} item${selected.length === 1 ? '' : 's'} selected, ${plan.kept.length} kept`;
      return { passed: true, report, checks: [{ label: 'plan', expected: 'a plan without refusals', actual, passed: true }] };
    },
  };
}

/** The plan request the attributes describe, or a sentence saying what is wrong. Empty values (an empty param) count as not given. */
function requestOf(attributes: Record<string, string>): ActionPlanRequest | string {
  const action = attributes.action?.trim() ?? '';
  const stack = attributes.stack?.trim() || undefined;
  const snapshot = attributes.snapshot?.trim() || undefined;
  const verb = attributes.verb?.trim() || undefined;
  const container = attributes.container?.trim() || undefined;
  if (!(ACTION_NAMES as readonly string[]).includes(action)) return `action="${action}" must be ${ACTION_NAMES.join(', ')}`;
  if ((action as ActionName) === 'container') return containerRequestOf(verb, container, stack, snapshot);
  if (verb !== undefined || container !== undefined) return `verb and container apply to action=container only, not action=${action}`;
  if ((action as ActionName) !== 'rollback') {
    if (stack !== undefined || snapshot !== undefined) return `stack and snapshot apply to action=rollback only, not action=${action}`;
    return actionPlanRequestSchema.parse({ action, params: {} });
  }
  if (stack === undefined) return 'action=rollback needs stack= (the compose project to roll back, e.g. stack=${STACK})';
  const name = stackNameSchema.safeParse(stack);
  if (!name.success) return `stack "${stack}": ${name.error.issues[0]?.message ?? 'not a compose project name'}`;
  const parsed = actionPlanRequestSchema.safeParse({ action, params: { stack, ...(snapshot ? { snapshotId: snapshot } : {}) } });
  if (!parsed.success) return `snapshot "${snapshot}": ${parsed.error.issues[0]?.message ?? 'not a snapshot id'}`;
  return parsed.data;
}

/** `action=container verb=restart container=NAME` (or `stack=NAME` for a whole stack's restart). */
function containerRequestOf(verb: string | undefined, container: string | undefined, stack: string | undefined, snapshot: string | undefined): ActionPlanRequest | string {
  if (snapshot !== undefined) return 'snapshot applies to action=rollback only, not action=container';
  if (verb === undefined) return 'action=container needs verb=restart, verb=stop or verb=start';
  if ((container === undefined) === (stack === undefined)) return 'action=container needs either container= (a name or id) or stack= (restart only), not both';
  if (container !== undefined && !containerRefSchema.safeParse(container).success) return `container "${container}" is not a container name or id`;
  if (stack !== undefined && !stackNameSchema.safeParse(stack).success) return `stack "${stack}" is not a compose project name`;
  if (stack !== undefined && verb !== 'restart') return 'a whole stack can only be restarted (verb=restart stack=NAME)';
  const parsed = actionPlanRequestSchema.safeParse({ action: 'container', params: { verb, ...(container ? { container } : { stack }) } });
  if (!parsed.success) return `verb "${verb}": ${parsed.error.issues[0]?.message ?? 'must be restart, stop or start'}`;
  return parsed.data;
}

function failed(expected: string, actual: string): ActionResult {
  return { passed: false, report: `${actual}\n`, checks: [{ label: 'plan', expected, actual, passed: false }] };
}
