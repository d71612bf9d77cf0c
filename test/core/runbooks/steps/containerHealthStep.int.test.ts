// container-health against the real Docker engine (skips cleanly without one; CI requires it).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../../../electron/core/clock';
import { StepTimeoutError } from '../../../../electron/core/runbooks/run/stepAbort';
import { containerHealthStepKind } from '../../../../electron/core/runbooks/steps/containerHealthStep';
import { dockerHealthSourceFrom } from '../../../../electron/core/runbooks/steps/dockerHealthSource';
import { createDockerClientProvider } from '../../../../electron/core/monitors/docker/dockerClientProvider';
import { createTestStack, removeTestStacks, requireDocker } from '../../../support/dockerEngine';
import { testStep } from './support/stepContext';

after(() => removeTestStacks());

const P = `opsbar-ch-${process.pid}`;
const source = () =>
  dockerHealthSourceFrom(createDockerClientProvider({ settings: () => ({ docker: { enabled: true, endpoint: '' } }), env: process.env, homedir: '/nonexistent-home' }), systemClock);

function healthStep(body: string, attributes: Record<string, string> = {}) {
  return testStep({ kind: 'container-health', body, attributes, homeDir: '/', timeoutMs: 60_000, services: { docker: source() } });
}

test('a container with a passing health check becomes healthy', async (t) => {
  if (!(await requireDocker(t))) return;
  const stack = await createTestStack(`${P}-a`, [{ name: 'web', healthcheck: { test: ['CMD', '/bin/true'], intervalMs: 1_000 } }]);
  const name = stack.get('web').name;
  const step = healthStep(name);
  const result = await containerHealthStepKind.execute(step.context);
  assert.equal(result.checks[0].passed, true, step.output());
  assert.equal(result.summary, `${name}: running, healthy`);
  assert.match(step.output(), new RegExp(`${name}: running, healthy\\n$`));
});

test('a whole stack: health checked and plain containers', async (t) => {
  if (!(await requireDocker(t))) return;
  await createTestStack(`${P}-b`, [{ name: 'api', healthcheck: { test: ['CMD', '/bin/true'], intervalMs: 1_000 } }, { name: 'cache' }]);
  const step = healthStep(`stack:${P}-b`);
  const result = await containerHealthStepKind.execute(step.context);
  assert.equal(result.checks[0].passed, true, step.output());
  assert.equal(result.summary, `stack ${P}-b: all 2 containers healthy or running`);
});

test('an unhealthy container keeps the step waiting until its timeout', async (t) => {
  if (!(await requireDocker(t))) return;
  const stack = await createTestStack(`${P}-c`, [{ name: 'sick', healthcheck: { test: ['CMD', '/bin/false'], intervalMs: 1_000, retries: 1 } }]);
  const name = stack.get('sick').name;
  const step = healthStep(name);
  step.onOutput(`${name}: running, unhealthy`, () => step.controller.abort(new StepTimeoutError(60_000)));
  const result = await containerHealthStepKind.execute(step.context);
  assert.equal(result.timedOut, true);
  assert.equal(result.summary, `timed out after 1 min (${name}: running, unhealthy)`);
});

test('want=running passes an unhealthy but running container; a stopped one waits', async (t) => {
  if (!(await requireDocker(t))) return;
  const stack = await createTestStack(`${P}-d`, [
    { name: 'sick', healthcheck: { test: ['CMD', '/bin/false'], intervalMs: 1_000 } },
    { name: 'stopped', start: false },
  ]);
  const running = await containerHealthStepKind.execute(healthStep(stack.get('sick').name, { want: 'running' }).context);
  assert.equal(running.checks[0].passed, true);
  const name = stack.get('stopped').name;
  const step = healthStep(name, { want: 'running' });
  step.onOutput(`${name}: created`, () => step.controller.abort(new StepTimeoutError(60_000)));
  const stopped = await containerHealthStepKind.execute(step.context);
  assert.equal(stopped.timedOut, true);
});

test('a missing container is reported as such while waiting', async (t) => {
  if (!(await requireDocker(t))) return;
  const step = healthStep(`${P}-does-not-exist`);
  step.onOutput('does not exist', () => step.controller.abort(new StepTimeoutError(5_000)));
  const result = await containerHealthStepKind.execute(step.context);
  assert.equal(result.summary, `timed out after 5 s (container ${P}-does-not-exist does not exist)`);
});

test('an unreachable engine is a plain sentence in the output', async () => {
  const docker = dockerHealthSourceFrom(
    createDockerClientProvider({ settings: () => ({ docker: { enabled: true, endpoint: 'unix:///nonexistent/docker.sock' } }), env: {}, homedir: '/nonexistent-home' }),
    systemClock,
  );
  const step = testStep({ kind: 'container-health', body: 'web', homeDir: '/', services: { docker } });
  step.onOutput('\n', () => step.controller.abort(new StepTimeoutError(5_000)));
  const result = await containerHealthStepKind.execute(step.context);
  assert.equal(result.timedOut, true);
  assert.match(step.output(), /^Docker is not running at the configured endpoint: no socket answered at \/nonexistent\/docker\.sock/);
});
