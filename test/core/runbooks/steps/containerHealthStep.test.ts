// container-health against a scripted source: state changes, stacks, errors, timeouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StepCancelledError, StepTimeoutError } from '../../../../electron/core/runbooks/run/stepAbort';
import { containerHealthStepKind } from '../../../../electron/core/runbooks/steps/containerHealthStep';
import type { ContainerHealthSource, StepServices } from '../../../../electron/core/runbooks/steps/stepKind';
import { testStep } from './support/stepContext';

type Obs = { name: string; state: string; health: string | null };

/** A source answering from a script of states (the last one repeats), and a clock that never waits. */
function scripted(states: (Obs | null | Error)[], stacks: Obs[][] = []): { source: ContainerHealthSource; polls: () => number } {
  let polls = 0;
  const next = <T>(list: T[]): T => list[Math.min(polls++, list.length - 1)];
  return {
    polls: () => polls,
    source: {
      async container() {
        const state = next(states);
        if (state instanceof Error) throw state;
        return state;
      },
      async stack() {
        return next(stacks);
      },
    },
  };
}

/** No real waiting; aborts with `reason` at the `abortAt`-th sleep when given. */
function instantClock(controller: () => AbortController, abortAt?: number, reason?: Error): StepServices['clock'] {
  let sleeps = 0;
  return {
    now: () => 0,
    async sleep(_ms, signal) {
      if (++sleeps === abortAt) controller().abort(reason);
      if (signal.aborted) throw signal.reason;
    },
  };
}

function healthStep(body: string, source: ContainerHealthSource | null, attributes: Record<string, string> = {}, abortAt?: number, reason?: Error) {
  let controller: AbortController | null = null;
  const step = testStep({ kind: 'container-health', body, attributes, homeDir: '/', timeoutMs: 30_000, services: { docker: source, clock: instantClock(() => controller!, abortAt, reason) } });
  controller = step.controller;
  return step;
}

test('validate: a container name or stack:<project>, want healthy or running', () => {
  assert.deepEqual(containerHealthStepKind.validate({ body: 'ollama', attributes: {} }), []);
  assert.deepEqual(containerHealthStepKind.validate({ body: 'stack:shop', attributes: { want: 'running' } }), []);
  assert.deepEqual(containerHealthStepKind.validate({ body: 'stack:${STACK}', attributes: {} }), []);
  assert.match(containerHealthStepKind.validate({ body: 'rm -rf /', attributes: {} })[0], /not a container name/);
  assert.match(containerHealthStepKind.validate({ body: 'stack:', attributes: {} })[0], /compose project/);
  assert.match(containerHealthStepKind.validate({ body: 'a\nb', attributes: {} })[0], /one line/);
  assert.match(containerHealthStepKind.validate({ body: 'web', attributes: { want: 'up' } })[0], /want "up"/);
});

test('waits through states until healthy, writing each change once', async () => {
  const starting = { name: 'web', state: 'running', health: 'starting' };
  const { source, polls } = scripted([null, starting, starting, { name: 'web', state: 'running', health: 'healthy' }]);
  const step = healthStep('web', source);
  const result = await containerHealthStepKind.execute(step.context);
  assert.equal(polls(), 4);
  assert.equal(step.output(), 'container web does not exist\nweb: running, starting\nweb: running, healthy\n');
  assert.deepEqual(result.checks, [{ label: 'container web healthy', expected: 'running and healthy (or running without a health check)', actual: 'web: running, healthy', passed: true }]);
  assert.equal(result.summary, 'web: running, healthy');
});

test('healthy accepts a running container without a health check; want=running ignores health', async () => {
  const plain = await containerHealthStepKind.execute(healthStep('db', scripted([{ name: 'db', state: 'running', health: null }]).source).context);
  assert.equal(plain.checks[0].passed, true);
  assert.equal(plain.summary, 'db: running (no health check)');
  const unhealthy = await containerHealthStepKind.execute(
    healthStep('db', scripted([{ name: 'db', state: 'running', health: 'unhealthy' }]).source, { want: 'running' }).context,
  );
  assert.equal(unhealthy.checks[0].passed, true);
});

test('an unhealthy container fails at the timeout, saying what it last was', async () => {
  const source = scripted([{ name: 'web', state: 'running', health: 'unhealthy' }]).source;
  const result = await containerHealthStepKind.execute(healthStep('web', source, {}, 3, new StepTimeoutError(30_000)).context);
  assert.equal(result.timedOut, true);
  assert.equal(result.summary, 'timed out after 30 s (web: running, unhealthy)');
  assert.equal(result.checks[0].passed, false);
});

test('a cancel ends the wait', async () => {
  const source = scripted([{ name: 'web', state: 'exited', health: null }]).source;
  const result = await containerHealthStepKind.execute(healthStep('web', source, {}, 1, new StepCancelledError()).context);
  assert.equal(result.cancelled, true);
  assert.equal(result.summary, 'cancelled');
});

test('a stack is ready when every container is; the output names the ones it waits for', async () => {
  const ready = (name: string) => ({ name, state: 'running', health: 'healthy' });
  const { source } = scripted([], [[], [ready('a'), { name: 'b', state: 'running', health: 'starting' }], [ready('a'), ready('b')]]);
  const step = healthStep('stack:shop', source);
  const result = await containerHealthStepKind.execute(step.context);
  assert.equal(result.checks[0].passed, true);
  assert.equal(result.checks[0].label, 'stack shop healthy');
  assert.equal(
    step.output(),
    'stack shop has no containers\nstack shop: 1 of 2 containers ready; waiting for b (running, starting)\nstack shop: all 2 containers healthy or running\n',
  );
});

test('Docker errors are written and the wait goes on', async () => {
  const { source } = scripted([new Error('Docker is not running: no socket answered at /var/run/docker.sock.'), { name: 'web', state: 'running', health: null }]);
  const step = healthStep('web', source);
  const result = await containerHealthStepKind.execute(step.context);
  assert.equal(result.checks[0].passed, true);
  assert.match(step.output(), /^Docker is not running/);
});

test('without Docker the step fails with a clear check', async () => {
  const result = await containerHealthStepKind.execute(healthStep('web', null).context);
  assert.deepEqual(result.checks, [{ label: 'Docker', expected: 'Docker reachable', actual: 'Docker is not configured/reachable', passed: false }]);
  assert.equal(result.summary, 'Docker is not configured or not reachable');
});
