import { createHash, randomBytes } from 'node:crypto';
import type { ActionPlan } from '../../../shared/types/actions';

/** What the hash covers: everything the operator was shown and confirms (not the times, not the notes). */
export type HashedPlanParts = Pick<ActionPlan, 'action' | 'params' | 'title' | 'items' | 'kept' | 'refusals'>;

/** JSON with every object's keys sorted, so the same plan always hashes the same (key order is not meaning). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 (hex) of the plan's shown parts: executing names it, so what runs is what was shown. */
export function planHash(plan: HashedPlanParts): string {
  const { action, params, title, items, kept, refusals } = plan;
  return createHash('sha256').update(canonicalJson({ action, params, title, items, kept, refusals })).digest('hex');
}

/** `pl_` and 16 url-safe random characters (96 bits): not guessable, fits the API's id schema. */
export function newPlanId(): string {
  return `pl_${randomBytes(12).toString('base64url')}`;
}
