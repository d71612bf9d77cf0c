import type { StepKind, StepResult } from '../../../../electron/core/runbooks/steps/stepKind';
import { stepKindRegistry, type StepKindRegistry } from '../../../../electron/core/runbooks/steps/registry';

/**
 * Small stand-ins for the real step kinds (written in electron/core/runbooks/steps): the format
 * tests need only their attribute lists and validate(), never execute().
 */
const notRun = (): Promise<StepResult> => Promise.reject(new Error('test kinds are never executed'));

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export const testShellKind: StepKind = {
  name: 'shell',
  attributes: ['expect-exit', 'expect-output', 'reject-output', 'cwd'],
  validate({ body, attributes }) {
    const problems: string[] = [];
    if (body.trim() === '') problems.push('the script is empty.');
    const exit = attributes['expect-exit'];
    if (exit !== undefined && !/^\d{1,3}(,\d{1,3})*$/.test(exit)) problems.push(`expect-exit "${exit}" must be an exit code or a list such as 0,1.`);
    for (const key of ['expect-output', 'reject-output']) {
      const pattern = attributes[key];
      if (pattern !== undefined && !compiles(pattern)) problems.push(`${key} is not a valid regular expression.`);
    }
    return problems;
  },
  execute: notRun,
};

export const testManualKind: StepKind = {
  name: 'manual',
  attributes: [],
  needsOperator: true,
  validate: ({ body }) => (body.trim() === '' ? ['the instruction is empty.'] : []),
  execute: notRun,
};

export const testHttpKind: StepKind = {
  name: 'http',
  attributes: ['expect-status', 'expect-output'],
  validate: ({ body }) => (/^(GET|HEAD|POST) https?:\/\/\S+$/.test(body.trim()) ? [] : ['the body must be one line "METHOD URL" (GET, HEAD or POST; http or https).']),
  execute: notRun,
};

/** A kind whose validate() throws: the parser must report it, not crash. */
export const testThrowingKind: StepKind = {
  name: 'broken',
  attributes: [],
  validate() {
    throw new Error('kaboom');
  },
  execute: notRun,
};

export function testKinds(): StepKindRegistry {
  return stepKindRegistry([testShellKind, testManualKind, testHttpKind, testThrowingKind]);
}
