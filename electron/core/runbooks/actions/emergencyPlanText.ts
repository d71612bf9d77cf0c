import type { ActionOutcome, ActionPlan, ActionVerification, ItemOutcome, PlanItem } from '../../../../shared/types/actions';
import { formatBytes } from '../../../../shared/format/bytes';

/**
 * A plan as the runbook's step output shows it before the confirm step: the title, every item
 * (`[x]` selected, `[ ]` not) with what is done, its name, size and reason; what is kept and why;
 * the notes; the refusals.
 */
export function planText(plan: ActionPlan): string {
  const selected = plan.items.filter((item) => item.selected);
  const lines = [
    `${plan.title} — plan ${plan.id}`,
    `${selected.length} of ${plan.items.length} item${plan.items.length === 1 ? '' : 's'} selected${plan.predictedBytes > 0 ? `, ${formatBytes(plan.predictedBytes)} predicted` : ''}:`,
    ...(plan.items.length > 0 ? plan.items.map(itemLine) : ['  (nothing to do)']),
  ];
  if (plan.kept.length > 0) lines.push(`Kept (${plan.kept.length}):`, ...plan.kept.map((kept) => `  ${kept.kind} ${kept.name}: ${kept.reason}`));
  if (plan.notes.length > 0) lines.push('Notes:', ...plan.notes.map((note) => `  ${note}`));
  if (plan.refusals.length > 0) lines.push('Refused (nothing will be touched):', ...plan.refusals.map((refusal) => `  ${refusal}`));
  return `${lines.join('\n')}\n`;
}

function itemLine(item: PlanItem): string {
  const size = item.bytes === null ? '' : ` ${formatBytes(item.bytes)}`;
  return `  [${item.selected ? 'x' : ' '}] ${item.kind} ${item.name}${size} — ${item.reason}`;
}

/** One item's outcome as it happens: "done container:abc (removed, 12 MB)". */
export function itemOutcomeLine(item: ItemOutcome, names: ReadonlyMap<string, string>): string {
  const bytes = item.bytes === null ? '' : `, ${formatBytes(item.bytes)}`;
  return `${item.outcome} ${names.get(item.id) ?? item.id}: ${item.detail}${bytes}\n`;
}

/** The end of a run: its state, why it stopped early, and the measured verification. */
export function outcomeText(outcome: ActionOutcome): string {
  const lines = [`${outcome.state}${outcome.message ? `: ${outcome.message}` : ''}`];
  lines.push(verificationText(outcome.verified));
  if (outcome.rollForwardSnapshotId) lines.push(`Roll forward: snapshot ${outcome.rollForwardSnapshotId} holds the state before this run.`);
  return `${lines.join('\n')}\n`;
}

function verificationText(verified: ActionVerification | null): string {
  if (!verified) return 'not verified';
  const checks = verified.checks.map((check) => `  [${check.passed ? 'ok' : 'failed'}] ${check.label}: ${check.detail}`);
  return [`verified ${verified.passed ? 'passed' : 'failed'}: ${verified.summary}`, ...checks].join('\n');
}

export const FINAL_ITEM_STATES: ReadonlySet<string> = new Set(['done', 'skipped', 'failed', 'unknown']);
