import type { VerificationCheck } from '../../../../shared/types/runbooks';
import { isActionName } from '../actions/actionRegistry';
import { expandParamReferences } from '../format/paramValues';
import { abortedResult } from './abortedResult';
import { unknownAttributes } from './stepAttributes';
import type { ActionResult, StepExecution, StepKind, StepResult } from './stepKind';

/**
 * Attributes some action takes, with the values allowed (null: any; checked at load; the action
 * checks again). Values may hold `${PARAM}` placeholders, expanded from the run's params.
 */
const ACTION_ATTRIBUTES: Record<string, readonly string[] | null> = {
  'max-severity': ['ok', 'warning'],
  action: ['disk', 'gpu', 'rollback', 'container'],
  stack: null,
  snapshot: null,
  verb: ['restart', 'stop', 'start'],
  container: null,
};
const ATTRIBUTES = Object.keys(ACTION_ATTRIBUTES);
const PLACEHOLDER = /\$\{[A-Z][A-Z0-9_]*\}/g;
const HAS_PLACEHOLDER = /\$\{[A-Z][A-Z0-9_]*\}/;

/**
 * `action`: one Opsbar action by name (`status.check`). Whether it exists is checked when it
 * runs (the registry is the composition root's); its attributes pass through to it.
 */
export const actionStepKind: StepKind = {
  name: 'action',
  attributes: ATTRIBUTES,
  validate({ body, attributes }) {
    const problems = unknownAttributes(attributes, ATTRIBUTES);
    const name = body.trim();
    if (!isActionName(name.replace(PLACEHOLDER, 'x'))) problems.push(`"${name}" is not an action name (one line like status.check)`);
    for (const [attribute, allowed] of Object.entries(ACTION_ATTRIBUTES)) {
      const value = attributes[attribute];
      if (value !== undefined && allowed !== null && !HAS_PLACEHOLDER.test(value) && !allowed.includes(value)) problems.push(`${attribute} "${value}" must be ${allowed.join(' or ')}`);
    }
    return problems;
  },
  execute: executeAction,
};

async function executeAction(context: StepExecution): Promise<StepResult> {
  const name = context.expandedBody.trim();
  const registry = context.services.actions;
  const action = isActionName(name) ? registry.get(name) : undefined;
  if (!action) {
    const known = registry.names();
    return failed('a known action', `unknown action ${name} (known: ${known.length > 0 ? known.join(', ') : 'none'})`);
  }
  const given = Object.entries(context.block.attributes).filter(([key]) => ATTRIBUTES.includes(key));
  const refused = given.filter(([key]) => !action.attributes.includes(key)).map(([key]) => key);
  if (refused.length > 0) return failed('valid attributes', `${name} does not take ${refused.join(', ')}`);
  const attributes = Object.fromEntries(given.map(([key, value]) => [key, expandParamReferences(value, context.params)]));
  const problems = action.validate(attributes);
  if (problems.length > 0) return failed('valid attributes', problems.join('; '));

  let result: ActionResult;
  try {
    const runContext = { runId: Number(context.opsbarEnv.OPSBAR_RUN_ID), params: context.params, output: context.output };
    result = await untilAborted(action.run(attributes, context.signal, runContext), context.signal);
  } catch (error) {
    if (context.signal.aborted) return abortedResult(context.signal, context.timeoutMs, `${name} did not finish`);
    return failed(`${name} runs`, `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (result.report) context.output.write(result.report.endsWith('\n') ? result.report : `${result.report}\n`);
  const checks: VerificationCheck[] = [...result.checks];
  if (!result.passed && checks.every((c) => c.passed)) checks.push({ label: name, expected: 'passes', actual: 'failed', passed: false });
  if (checks.length === 0) checks.push({ label: name, expected: 'passes', actual: 'passed', passed: true });
  const failing = checks.filter((c) => !c.passed);
  const summary =
    failing.length === 0 ? `${name}: passed` : `${name}: ${failing.map((c) => `${c.label} ${c.actual} (expected ${c.expected})`).join('; ')}`;
  return { exitCode: null, checks, summary };
}

/** The action's promise, or a rejection as soon as the signal aborts (an action may ignore it). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function failed(expected: string, actual: string): StepResult {
  return { exitCode: null, checks: [{ label: 'action', expected, actual, passed: false }], summary: actual };
}
