import { unknownAttributes } from './stepAttributes';
import type { StepKind } from './stepKind';

/**
 * `manual`: an instruction for the operator. The runner waits for the operator to confirm
 * before calling execute, so executing it only records that confirmation.
 */
export const manualStepKind: StepKind = {
  name: 'manual',
  attributes: [],
  needsOperator: true,
  validate({ body, attributes }) {
    const problems = unknownAttributes(attributes, []);
    if (body.trim() === '') problems.push('a manual step needs the instruction for the operator');
    return problems;
  },
  async execute() {
    return { exitCode: null, checks: [{ label: 'operator confirmed', expected: 'done', actual: 'confirmed', passed: true }], summary: 'operator confirmed' };
  },
};
