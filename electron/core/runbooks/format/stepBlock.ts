import type { StepBlock, StepTransition } from '../../../../shared/types/runbooks';
import type { StepKindRegistry } from '../steps/registry';
import { COMMON_ATTRIBUTES, DEFAULT_TIMEOUT_MS, checkStepId, parseDuration, parseTransition } from './commonAttributes';
import { parseRunInfo } from './runInfoString';

export interface BuiltBlock {
  /** Null when the block has problems (they are all in `problems`). */
  block: StepBlock | null;
  /** The `id=` attribute, when given and valid: it replaces the heading's slug. */
  id: string | null;
  /** An `id=` attribute was written (valid or not): the heading need not give one. */
  idGiven: boolean;
  /** Sentences, all about the fence's line. */
  problems: string[];
  /** The kind asks for an operator every time (manual steps). */
  needsOperator: boolean;
}

const COMMON = new Set<string>(COMMON_ATTRIBUTES);

/**
 * Turns a `run` fence into a step block: the info string is tokenized, the common attributes are
 * checked here, and the kind checks its own attributes and body. Every problem is collected.
 */
export function buildStepBlock(fence: { info: string; body: string; line: number }, stepTitle: string, kinds: StepKindRegistry): BuiltBlock {
  const info = parseRunInfo(fence.info);
  const problems = [...info.problems];
  const kind = info.kind === null ? undefined : kinds.get(info.kind);
  if (info.kind !== null && !kind) problems.push(`Unknown step kind "${info.kind}" (known: ${kinds.names().join(', ')}).`);

  const seen = new Set<string>();
  const own: Record<string, string> = {};
  let id: string | null = null;
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let confirm: string | null = null;
  let onFailure: StepTransition = { kind: 'stop' };
  let onSuccess: StepTransition = { kind: 'next' };
  for (const { key, value, flag } of info.attributes) {
    if (seen.has(key)) {
      problems.push(`Attribute "${key}" is given twice.`);
      continue;
    }
    seen.add(key);
    const needsValue = () => problems.push(`Attribute "${key}" needs a value (${key}=…).`);
    switch (key) {
      case 'id': {
        if (flag) needsValue();
        else {
          const problem = checkStepId(value);
          if (problem) problems.push(`Attribute "id": ${problem}`);
          else id = value;
        }
        break;
      }
      case 'timeout': {
        const parsed = flag ? `needs a value (timeout=30s).` : parseDuration(value);
        if (typeof parsed === 'string') problems.push(`Attribute "timeout": ${parsed}`);
        else timeoutMs = parsed;
        break;
      }
      case 'confirm':
        // A bare flag asks for confirmation with the step's title as the message.
        confirm = value.trim() === '' ? stepTitle || 'Run this step?' : value;
        break;
      case 'on-failure':
      case 'on-success': {
        const parsed = flag ? `needs a value (${key}=…).` : parseTransition(value, key);
        if (typeof parsed === 'string') problems.push(`Attribute "${key}": ${parsed}`);
        else if (key === 'on-failure') onFailure = parsed;
        else onSuccess = parsed;
        break;
      }
      default:
        if (kind && !kind.attributes.includes(key)) {
          const known = [...COMMON, ...kind.attributes].join(', ');
          problems.push(`Unknown attribute "${key}" for "run ${kind.name}" (known: ${known}).`);
        } else {
          own[key] = value;
        }
    }
  }
  if (kind) problems.push(...validateWithKind(kind.name, () => kind.validate({ body: fence.body, attributes: { ...own } })));
  const block: StepBlock | null =
    kind && problems.length === 0
      ? { kind: kind.name, body: fence.body, attributes: own, timeoutMs, confirm, onFailure, onSuccess, line: fence.line }
      : null;
  return { block, id, idGiven: seen.has('id'), problems, needsOperator: Boolean(kind?.needsOperator) };
}

/** A plug-in's validate() must not take the parser down with it. */
function validateWithKind(kindName: string, validate: () => string[]): string[] {
  try {
    const problems = validate();
    return Array.isArray(problems) ? problems.filter((p) => typeof p === 'string' && p !== '').map((p) => `run ${kindName}: ${p}`) : [];
  } catch (error) {
    return [`run ${kindName}: the step kind failed to check this block (${(error as Error)?.message ?? String(error)}).`];
  }
}
