import { abortedResult } from './abortedResult';
import { evaluateContainer, evaluateStack, parseHealthTarget, parseWant, type HealthTarget, type HealthWant } from './containerReadiness';
import { unknownAttributes } from './stepAttributes';
import type { ContainerHealthSource, StepExecution, StepKind, StepResult } from './stepKind';

const ATTRIBUTES = ['want'] as const;
const POLL_MS = 1_000;

/**
 * `container-health`: polls Docker every second until the container (or every container of a
 * compose stack) is healthy — or running, when it has no health check or `want=running` —
 * or the step is aborted. Each change of state is written to the output.
 */
export const containerHealthStepKind: StepKind = {
  name: 'container-health',
  attributes: ATTRIBUTES,
  validate({ body, attributes }) {
    const problems = unknownAttributes(attributes, ATTRIBUTES);
    const target = parseHealthTarget(body, { placeholders: true });
    if (!target.ok) problems.push(target.problem);
    const want = parseWant(attributes.want);
    if (!want.ok) problems.push(want.problem);
    return problems;
  },
  execute: executeContainerHealth,
};

async function executeContainerHealth(context: StepExecution): Promise<StepResult> {
  const target = parseHealthTarget(context.expandedBody);
  const want = parseWant(context.block.attributes.want);
  if (!target.ok || !want.ok) {
    const problem = !target.ok ? target.problem : !want.ok ? want.problem : '';
    return failed('a valid target', problem, problem);
  }
  const docker = context.services.docker;
  const label = `${describeTarget(target.value)} ${want.value === 'healthy' ? 'healthy' : 'running'}`;
  if (!docker) return failed('Docker reachable', 'Docker is not configured/reachable', 'Docker is not configured or not reachable');

  let last = '';
  for (;;) {
    if (context.signal.aborted) return abortedResult(context.signal, context.timeoutMs, last || 'Docker did not answer');
    const { ready, line } = await observe(docker, target.value, want.value);
    if (context.signal.aborted) return abortedResult(context.signal, context.timeoutMs, last || line);
    if (line !== last) {
      context.output.write(`${line}\n`);
      last = line;
    }
    if (ready) return { exitCode: null, checks: [{ label, expected: expectation(want.value), actual: line, passed: true }], summary: line };
    try {
      await context.services.clock.sleep(POLL_MS, context.signal);
    } catch {
      // Aborted while sleeping: the loop's first line reports it.
    }
  }
}

async function observe(docker: ContainerHealthSource, target: HealthTarget, want: HealthWant): Promise<{ ready: boolean; line: string }> {
  try {
    if (target.kind === 'container') return evaluateContainer(target.name, await docker.container(target.name), want);
    return evaluateStack(target.project, await docker.stack(target.project), want);
  } catch (error) {
    // Docker went away or hung: keep polling until the step's timeout, saying why.
    return { ready: false, line: error instanceof Error ? error.message : String(error) };
  }
}

function describeTarget(target: HealthTarget): string {
  return target.kind === 'container' ? `container ${target.name}` : `stack ${target.project}`;
}

function expectation(want: HealthWant): string {
  return want === 'healthy' ? 'running and healthy (or running without a health check)' : 'running';
}

function failed(expected: string, actual: string, summary: string): StepResult {
  return { exitCode: null, checks: [{ label: 'Docker', expected, actual, passed: false }], summary };
}
