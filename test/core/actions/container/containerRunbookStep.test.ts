// Runbooks may name the container action: `emergency.plan action=container verb=restart container=NAME`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionStepKind } from '../../../../electron/core/runbooks/steps/actionStep';
import { emergencyHarness, emergencyRunbook } from '../../runbooks/emergencyActionStepsHarness';

const NAME_PARAM = 'params:\n  - name: NAME\n    type: string\n    required: true\n    pattern: "^[a-z0-9][a-z0-9_.-]*$"\n    description: The container.\n';

test('an action step takes action=container with verb= and container= or stack=; bad values are named at load', () => {
  const problems = (attributes: Record<string, string>) => actionStepKind.validate({ body: 'emergency.plan', attributes });
  assert.deepEqual(problems({ action: 'container', verb: 'restart', container: 'demo-web-1' }), []);
  assert.deepEqual(problems({ action: 'container', verb: 'restart', stack: '${STACK}' }), []);
  assert.deepEqual(problems({ action: 'container', verb: 'kill', container: 'x' }), ['verb "kill" must be restart or stop or start']);
});

test('emergency.plan action=container plans {verb, container} (the param expanded); a stack takes only restart; bad attributes fail the step', async () => {
  const h = emergencyHarness([
    emergencyRunbook('restart-one', 'action=container verb=restart container=${NAME}', { params: NAME_PARAM }),
    emergencyRunbook('restart-stack', 'action=container verb=restart stack=demo'),
    emergencyRunbook('stop-stack', 'action=container verb=stop stack=demo'),
    emergencyRunbook('no-verb', 'action=container container=web'),
    emergencyRunbook('verb-on-disk', 'action=disk verb=restart'),
  ]);
  const one = h.runner.start(h.request(h.books[0], { NAME: 'demo-web-1' }));
  await h.runner.settled(one.id);
  const stack = h.runner.start(h.request(h.books[1]));
  await h.runner.settled(stack.id);
  assert.deepEqual(
    h.system.plans.map((p) => p.request),
    [
      { action: 'container', params: { verb: 'restart', container: 'demo-web-1' } },
      { action: 'container', params: { verb: 'restart', stack: 'demo' } },
    ],
  );
  for (const [book, message] of [
    [h.books[2], /a whole stack can only be restarted/],
    [h.books[3], /action=container needs verb=restart, verb=stop or verb=start/],
    [h.books[4], /verb and container apply to action=container only, not action=disk/],
  ] as const) {
    const run = h.runner.start(h.request(book));
    const done = await h.runner.settled(run.id);
    assert.equal(done.steps[0]?.state, 'failed');
    assert.match(done.steps[0]?.output ?? '', message);
  }
  assert.equal(h.system.plans.length, 2, 'nothing else was planned');
});
