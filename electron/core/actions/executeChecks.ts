import type { ActionOutcome, ActionPlan, PlanItem } from '../../../shared/types/actions';
import { RefusedError } from '../refusedError';
import type { ExecuteRequest } from './actionSystem';
import { planHash } from './planHash';

const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const listed = (ids: readonly string[], max = 5) => ids.slice(0, max).join(', ') + (ids.length > max ? ` and ${ids.length - max} more` : '');

/**
 * The checks before anything is taken or touched: the plan is the one shown (hash), still fresh,
 * not run before, possible (no refusals), and every confirmed id is one of its items. Returns the
 * confirmed items in plan order (the `itemIds` given, else the plan's selected items).
 */
export function confirmedItems(plan: ActionPlan, request: ExecuteRequest, previous: ActionOutcome | null, now: number): PlanItem[] {
  const again = `plan again (opsbar emergency ${plan.action} --plan)`;
  if (previous) {
    throw new RefusedError(`Plan ${plan.id} was already executed (started ${at(previous.startedAt)}, ${previous.state}): a plan runs once; ${again}.`);
  }
  if (now >= plan.expiresAt) {
    throw new RefusedError(`Plan ${plan.id} was made at ${at(plan.createdAt)} and expired at ${at(plan.expiresAt)}: what it saw may have changed; ${again}.`);
  }
  if (request.hash !== plan.hash) {
    throw new RefusedError(`The confirmation does not match plan ${plan.id} (hash ${request.hash.slice(0, 12)}… is not the plan's ${plan.hash.slice(0, 12)}…): reload the plan and confirm what it shows.`);
  }
  // The stored plan must still be the one its hash names (the history file is writable by others).
  if (planHash(plan) !== plan.hash) throw new RefusedError(`Plan ${plan.id} in the history file no longer matches its hash: it was altered; ${again}.`);
  if (plan.refusals.length > 0) throw new RefusedError(`Plan ${plan.id} cannot run: ${plan.refusals.join(' ')}`);

  const known = new Set(plan.items.map((item) => item.id));
  if (request.itemIds) {
    const unknown = [...new Set(request.itemIds.filter((id) => !known.has(id)))];
    if (unknown.length) throw new RefusedError(`Plan ${plan.id} has no item ${listed(unknown)}: confirm only items the plan lists (opsbar emergency show ${plan.id}).`);
  }
  const wanted = request.itemIds ? new Set(request.itemIds) : null;
  const items = plan.items.filter((item) => (wanted ? wanted.has(item.id) : item.selected));
  if (items.length === 0) throw new RefusedError(`Plan ${plan.id}: no item is confirmed, so there is nothing to execute.`);
  return items;
}
