import type { StepTransition } from '../../../../shared/types/runbooks';
import { RUNBOOK_ID_PATTERN } from './runbookHeader';

/** Attributes every step kind accepts; the parser lifts them into the step block. */
export const COMMON_ATTRIBUTES = ['id', 'timeout', 'confirm', 'on-failure', 'on-success'] as const;

export const DEFAULT_TIMEOUT_MS = 60_000;
export const MAX_TIMEOUT_MS = 2 * 60 * 60_000;
export const STEP_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_STEP_ID_CHARS = 64;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `250ms`, `30s`, `5m`, `1h` → milliseconds; a sentence when it is not a duration Opsbar accepts. */
export function parseDuration(text: string): number | string {
  const match = /^(\d{1,9})(ms|s|m|h)$/.exec(text);
  if (!match) return `"${text}" is not a duration: write a whole number and a unit, e.g. 250ms, 30s, 5m, 1h.`;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  if (ms <= 0) return 'a timeout must be more than 0.';
  if (ms > MAX_TIMEOUT_MS) return `"${text}" is longer than the 2h maximum.`;
  return ms;
}

export function checkStepId(id: string): string | null {
  if (id.length > MAX_STEP_ID_CHARS || !STEP_ID_PATTERN.test(id)) {
    return `"${id}" is not a step id: use lower-case letters, digits and single "-" (at most ${MAX_STEP_ID_CHARS} characters).`;
  }
  return null;
}

/**
 * `on-failure`: stop | continue | goto:<step-id> | runbook:<runbook-id>;
 * `on-success`: next | stop | goto:<step-id>. Goto targets are checked once all steps are known.
 */
export function parseTransition(text: string, attribute: 'on-failure' | 'on-success'): StepTransition | string {
  const allowed = attribute === 'on-failure' ? 'stop, continue, goto:<step-id> or runbook:<runbook-id>' : 'next, stop or goto:<step-id>';
  if (attribute === 'on-failure' && (text === 'stop' || text === 'continue')) return { kind: text };
  if (attribute === 'on-success' && (text === 'next' || text === 'stop')) return { kind: text };
  if (text.startsWith('goto:')) {
    const stepId = text.slice('goto:'.length);
    return checkStepId(stepId) ?? { kind: 'goto', stepId };
  }
  if (attribute === 'on-failure' && text.startsWith('runbook:')) {
    const runbookId = text.slice('runbook:'.length);
    return RUNBOOK_ID_PATTERN.test(runbookId) && runbookId.length <= 64 ? { kind: 'runbook', runbookId } : `"${runbookId}" is not a runbook id (kebab-case, 3–64 characters).`;
  }
  return `"${text}" is not allowed; ${attribute} takes ${allowed}.`;
}

/**
 * The id a heading gives its step: lower-case, accents and apostrophes dropped (`stack's` →
 * `stacks`), every run of other characters turned into one "-", trimmed, at most 64 characters.
 * `## Check Docker answers` → `check-docker-answers`.
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, MAX_STEP_ID_CHARS).replace(/-+$/, '');
}
