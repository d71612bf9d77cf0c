import type { ActionPlan } from '../../../shared/types/actions';
import { localTime } from './formatActions';

// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

/** A container plan as the operator reads it before "Type yes": each container in order, what is kept, the notes; no byte figures. */
export function formatContainerPlan(plan: ActionPlan): string {
  const lines = [`${clean(plan.title)}: plan ${plan.id}, made ${localTime(plan.createdAt)}, expires ${localTime(plan.expiresAt)}`, ''];
  if (plan.items.length === 0) lines.push('Nothing to do.');
  else lines.push(`In this order (${plan.items.length}):`, ...plan.items.map((item, i) => `  ${String(i + 1).padStart(2)}. ${item.kind.replace(/^container\./, '').padEnd(8)}${clean(item.name)} — ${clean(item.reason)}`));
  if (plan.kept.length) lines.push('', 'Kept:', ...plan.kept.map((k) => `  ${k.kind} ${clean(k.name)} — ${clean(k.reason)}`));
  if (plan.notes.length) lines.push('', 'Notes:', ...plan.notes.map((n) => `  ${clean(n)}`));
  if (plan.refusals.length) lines.push('', 'This plan cannot run:', ...plan.refusals.map((r) => `  ${clean(r)}`));
  return lines.join('\n') + '\n';
}
