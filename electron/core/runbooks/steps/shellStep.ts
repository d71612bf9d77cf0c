import type { VerificationCheck } from '../../../../shared/types/runbooks';
import { OutputCapture } from '../run/outputCapture';
import { abortedResult } from './abortedResult';
import { formatBytes, lastLine, patternChecks } from './outputPatterns';
import { shellEnvironment } from './shellEnvironment';
import { compilePattern, parseExitCodes, patternProblems, unknownAttributes } from './stepAttributes';
import type { StepExecution, StepKind, StepResult } from './stepKind';
import { parseWorkingDirectory } from './workingDirectory';

const ATTRIBUTES = ['expect-exit', 'expect-output', 'reject-output', 'cwd'] as const;
const HEAD_BYTES = 32 * 1024;
const TAIL_BYTES = 32 * 1024;

/**
 * `shell`: the block's text exactly as written, run by `/bin/sh -c` in its own process group,
 * params only as environment variables. Verified by exit code and output patterns.
 */
export const shellStepKind: StepKind = {
  name: 'shell',
  attributes: ATTRIBUTES,
  validate({ body, attributes }) {
    const problems = unknownAttributes(attributes, ATTRIBUTES);
    if (body.trim() === '') problems.push('a shell step needs a script');
    const exit = attributes['expect-exit'];
    if (exit !== undefined) {
      const parsed = parseExitCodes(exit);
      if (!parsed.ok) problems.push(parsed.problem);
    }
    problems.push(...patternProblems(attributes, ['expect-output', 'reject-output']));
    // The home directory is not known at load time; any absolute stand-in checks the syntax.
    const cwd = parseWorkingDirectory(attributes.cwd, '/');
    if (!cwd.ok) problems.push(cwd.problem);
    return problems;
  },
  execute: executeShell,
};

async function executeShell(context: StepExecution): Promise<StepResult> {
  const { block, services } = context;
  const attributes = block.attributes;
  const exitCodes = parseExitCodes(attributes['expect-exit'] ?? '0');
  const expect = attributes['expect-output'] === undefined ? null : compilePattern('expect-output', attributes['expect-output']);
  const reject = attributes['reject-output'] === undefined ? null : compilePattern('reject-output', attributes['reject-output']);
  const cwd = parseWorkingDirectory(attributes.cwd, services.homeDir);
  const problems = [exitCodes, expect, reject, cwd].flatMap((p) => (p && !p.ok ? [p.problem] : []));
  const { env, refused } = shellEnvironment({ parent: process.env, homeDir: services.homeDir, params: context.params, opsbarEnv: context.opsbarEnv });
  if (refused.length > 0) problems.push(`reserved variable names cannot be params: ${refused.join(', ')}`);
  if (problems.length > 0 || !exitCodes.ok || !cwd.ok) return notStarted(problems.join('; '));

  const capture = new OutputCapture({ headBytes: HEAD_BYTES, tailBytes: TAIL_BYTES });
  const result = await services.processes.run({
    script: block.body,
    cwd: cwd.value,
    env,
    signal: context.signal,
    onOutput(chunk) {
      capture.write(chunk);
      context.output.write(chunk);
    },
  });
  if (result.spawnError) return notStarted(result.spawnError);
  if (result.killed) return abortedResult(context.signal, context.timeoutMs, 'process group killed', result.exitCode);

  const expected = exitCodes.value;
  const exitPassed = result.exitCode !== null && expected.includes(result.exitCode);
  const actual = result.exitCode !== null ? String(result.exitCode) : `killed by ${result.signal ?? 'a signal'}`;
  const checks: VerificationCheck[] = [{ label: 'exit code', expected: expected.join(','), actual, passed: exitPassed }];

  const text = capture.text();
  const scope = capture.truncated
    ? `first ${formatBytes(HEAD_BYTES)} and last ${formatBytes(TAIL_BYTES)} of ${formatBytes(capture.totalBytes)}`
    : null;
  checks.push(...patternChecks(text, { expect: expect?.ok ? expect.value : undefined, reject: reject?.ok ? reject.value : undefined }, 'output', scope));
  return { exitCode: result.exitCode, checks, summary: summarize(actual, expected, checks, text) };
}

function notStarted(reason: string): StepResult {
  return {
    exitCode: null,
    checks: [{ label: 'started', expected: 'the script starts', actual: reason, passed: false }],
    summary: `could not start: ${reason}`,
  };
}

function summarize(actual: string, expected: number[], checks: VerificationCheck[], text: string): string {
  const [exit, ...patterns] = checks;
  const head = /^\d+$/.test(actual) ? `exit code ${actual}` : actual;
  if (!exit.passed) {
    const said = lastLine(text);
    return `${head} (expected ${expected.join(' or ')})${said ? `: ${said}` : ''}`;
  }
  const parts = [head];
  for (const check of patterns) {
    if (check.label.startsWith('output matches')) parts.push(check.passed ? 'output matched' : 'expected output not found');
    else if (!check.passed) parts.push(`rejected output found: ${check.actual.replace(/^found: /, '')}`);
    else if (patterns.length === 1) parts.push('no rejected output');
  }
  return parts.join(', ');
}
