import type { ActionOutcome, ActionPlan, ActionRunState, ActionVerification, ItemOutcome, PlanItem } from '../../../shared/types/actions';
import type { ActionStore } from '../store/spillingActionLog';
import type { AuditEntry } from '../store/auditLog';
import type { AnyActionPlugin, ExecutionContext, ItemResult } from './actionPlugin';
import { INTERRUPTED } from './recovery';

export interface RunInput {
  plugin: AnyActionPlugin;
  plan: ActionPlan;
  /** The confirmed items, in plan order; `outcome.items` has one `pending` entry for each. */
  items: readonly PlanItem[];
  /** Already stored (`startRun`): the run's durable intent. */
  outcome: ActionOutcome;
  context: ExecutionContext;
  log(): ActionStore;
  audit(entry: AuditEntry): void;
  /** Every change: an item's outcome, the verification, the end. */
  changed(outcome: ActionOutcome): void;
  /** A cancel asked for here or from another process (`opsbar emergency cancel`): checked between items. */
  cancelRequested(): boolean;
}

const AUDIT_OUTCOME = { done: 'succeeded', skipped: 'cancelled', failed: 'failed', unknown: 'failed', pending: 'failed', 'in-flight': 'failed' } as const;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A plugin's answer, checked: anything but done/skipped/failed with a detail is a failed item. */
function resultOf(value: ItemResult | undefined): ItemResult {
  if (!value || !['done', 'skipped', 'failed'].includes(value.outcome)) return { outcome: 'failed', detail: 'the action gave no outcome for this item' };
  return { ...value, detail: typeof value.detail === 'string' && value.detail ? value.detail : value.outcome };
}

/**
 * One confirmed plan, executed: prepare (preconditions; a refusal touches nothing), then each
 * item in plan order — marked in-flight durably before it is acted on, its outcome recorded and
 * audited as it happens — then a measured verification. Never throws: every end is recorded.
 */
export async function runPlan(input: RunInput): Promise<ActionOutcome> {
  const { plugin, plan, items, context } = input;
  const outcome = input.outcome;
  const now = () => context.clock.now();
  const audit = (action: string, target: string, result: AuditEntry['outcome'], details: Record<string, unknown>) =>
    input.audit({ at: now(), actor: outcome.actor, action, target, outcome: result, details: { planId: plan.id, ...details } });
  const publish = () => input.changed({ ...outcome, items: outcome.items.map((item) => ({ ...item })) });
  const set = (index: number, patch: Partial<ItemOutcome>) => {
    outcome.items[index] = { ...outcome.items[index], ...patch, at: now() };
    input.log().setItem(plan.id, outcome.items[index]);
    publish();
  };
  const skipFrom = (index: number, detail: string) => {
    for (let i = index; i < items.length; i++) if (outcome.items[i].outcome === 'pending') outcome.items[i] = { ...outcome.items[i], outcome: 'skipped', detail, at: now() };
  };
  const finish = (state: ActionRunState, text: string | null): ActionOutcome => {
    // A note set at the start (the lock held in this process only) stays with the run's own message.
    const note = outcome.message;
    Object.assign(outcome, { state, message: [text, note].filter(Boolean).join(' ') || null, finishedAt: now() });
    input.log().finishRun(outcome);
    const result = state === 'succeeded' ? 'succeeded' : state === 'cancelled' ? 'cancelled' : 'failed';
    audit('action.execute', `${plan.action} plan ${plan.id}`, result, { state, message: text, items: outcome.items.map((i) => ({ id: i.id, outcome: i.outcome })) });
    publish();
    return outcome;
  };

  let before: Record<string, number | null>;
  try {
    const prepared = await plugin.prepare(plan, items, context);
    if (prepared.refusals.length > 0) {
      skipFrom(0, 'not run: a precondition failed');
      return finish('refused', `Refused before anything was touched: ${prepared.refusals.join(' ')}`);
    }
    before = prepared.before;
  } catch (error) {
    skipFrom(0, 'not run: preparing the action failed');
    return finish('failed', `Preparing the action failed, nothing was touched: ${message(error)}`);
  }

  let stopped: { state: ActionRunState; text: string } | null = null;
  for (let index = 0; index < items.length && !stopped; index++) {
    const item = items[index];
    if (context.signal.aborted) {
      skipFrom(index, INTERRUPTED.pending);
      stopped = { state: 'cancelled', text: `Opsbar stopped before ${item.name}: the items from there on were not run.` };
      break;
    }
    if (input.cancelRequested()) {
      skipFrom(index, 'cancelled before this item');
      stopped = { state: 'cancelled', text: `Cancelled before ${item.name} (${index} of ${items.length} items were run).` };
      break;
    }
    try {
      set(index, { outcome: 'in-flight', detail: 'acting on it' });
    } catch (error) {
      // The intent for this item is not on disk: acting on it would leave no trace after a crash.
      skipFrom(index, 'not run: its start could not be recorded');
      stopped = { state: 'failed', text: `Could not record the start of ${item.name} in the history (${message(error)}): it and the items after it were not run.` };
      break;
    }
    let result: ItemResult;
    try {
      result = resultOf(await plugin.executeItem(item, plan, context));
    } catch (error) {
      result = { outcome: 'failed', detail: message(error) };
    }
    const interrupted = context.signal.aborted && result.outcome === 'failed';
    const state = interrupted ? 'unknown' : result.outcome;
    const detail = interrupted ? `${INTERRUPTED.inFlight} (${result.detail})` : result.detail;
    set(index, { outcome: state, detail, bytes: result.bytes ?? null });
    if (result.rollForwardSnapshotId) outcome.rollForwardSnapshotId = result.rollForwardSnapshotId;
    audit('action.item', `${item.kind} ${item.name}`, AUDIT_OUTCOME[state], { itemId: item.id, kind: item.kind, outcome: state, detail, bytes: result.bytes ?? null });
    if (interrupted) {
      skipFrom(index + 1, INTERRUPTED.pending);
      stopped = { state: 'unknown', text: `Opsbar stopped while acting on ${item.name}: its outcome is unknown; the items after it were not run.` };
    } else if (state === 'failed' && plugin.stopOnFailure) {
      skipFrom(index + 1, 'not run: an earlier item failed');
      stopped = { state: 'failed', text: `Stopped after ${item.name} failed (${detail}): the items after it were not run.` };
    }
  }
  // Stopping: no new measurement (the core is closing); what each item did is recorded.
  if (context.signal.aborted) return finish(stopped?.state ?? 'cancelled', stopped?.text ?? 'Opsbar stopped before the verification: every item ran (see each), nothing was measured.');

  outcome.verified = await verifyRun(input, before);
  audit('action.verify', `${plan.action} plan ${plan.id}`, outcome.verified.passed ? 'succeeded' : 'failed', { summary: outcome.verified.summary, figures: outcome.verified.figures });
  publish();
  if (stopped) return finish(stopped.state, stopped.text);
  return finish(...finalState(outcome));
}

async function verifyRun(input: RunInput, before: Record<string, number | null>): Promise<ActionVerification> {
  try {
    return await input.plugin.verify(input.plan, input.outcome.items, before, input.context);
  } catch (error) {
    return { passed: false, summary: `The verification failed: ${message(error)}`, figures: {}, checks: [] };
  }
}

/** Succeeded: no item failed, something was done, and the measurement passed. */
function finalState(outcome: ActionOutcome): [ActionRunState, string | null] {
  const count = (state: ItemOutcome['outcome']) => outcome.items.filter((i) => i.outcome === state).length;
  const failed = count('failed');
  const done = count('done');
  if (!outcome.verified?.passed) return ['failed', `Not verified: ${outcome.verified?.summary ?? 'no verification'}`];
  if (failed > 0) return [done > 0 ? 'partial' : 'failed', `${failed} of ${outcome.items.length} items failed.`];
  if (done === 0) return ['partial', 'Nothing was done: every item was skipped (see why on each).'];
  const skipped = count('skipped');
  return ['succeeded', skipped > 0 ? `${skipped} of ${outcome.items.length} items were skipped: they changed since the plan.` : null];
}
