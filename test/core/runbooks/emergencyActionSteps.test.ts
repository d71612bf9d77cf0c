import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_PLAN_IN_RUN } from '../../../electron/core/runbooks/actions/emergencyExecuteAction';
import { LIVE_OUTPUT_INTERVAL_MS } from '../../../electron/core/runbooks/run/liveOutputThrottle';
import { actionStepKind } from '../../../electron/core/runbooks/steps/actionStep';
import { emergencyHarness, emergencyRunbook } from './emergencyActionStepsHarness';

const STACK_PARAM = 'params:\n  - name: STACK\n    type: string\n    required: true\n    pattern: "^[a-z0-9][a-z0-9_.-]*$"\n    description: The stack.\n';

test('the plan is in the step output before the confirm step; execute runs exactly that plan id and hash, streaming each item', async () => {
  const h = emergencyHarness([emergencyRunbook('rollback-demo', 'action=rollback stack=${STACK}', { params: STACK_PARAM })]);
  const run = h.runner.start(h.request(h.books[0], { STACK: 'demo' }));
  let now = await h.runner.settled(run.id);
  assert.deepEqual(now.wait, { kind: 'confirm', message: 'Confirm to execute exactly the plan shown above' });
  assert.equal(now.currentStep, 1);
  assert.deepEqual(h.system.plans.map((p) => [p.request, p.actor]), [[{ action: 'rollback', params: { stack: 'demo' } }, `runbook run #${run.id}`]], 'the ${STACK} attribute was expanded');
  assert.deepEqual(h.system.executions, [], 'nothing executes before the confirmation');
  const shown = now.steps[0]!;
  assert.equal(shown.state, 'passed');
  const plan = h.system.plans[0].plan;
  assert.match(shown.output, new RegExp(`^Plan 1 for rollback — plan ${plan.id}\n2 of 3 items selected, 4.50 MB predicted:\n`));
  assert.match(shown.output, /\n {2}\[x\] image\.remove old-image-1:latest 1.50 MB — dangling\n {2}\[x\] image\.remove old-image-2:latest 3.00 MB — dangling\n {2}\[ \] image\.remove old-image-3:latest 4.50 MB — dangling\n/);
  assert.match(shown.output, /Kept \(1\):\n {2}volume pgdata: named volume, never removed\n/);
  assert.match(shown.output, /Notes:\n {2}Verify measures free bytes on \/ before and after\.\n/);

  h.system.holdExecution = true;
  h.runner.command(run.id, 1, 'confirm');
  await h.system.executing;
  // The items finished, the run has not: their lines are already in the live output.
  await new Promise((resolve) => setImmediate(resolve));
  await h.clock.advance(LIVE_OUTPUT_INTERVAL_MS);
  const live = h.output(run.id).filter((c) => c.stepIndex === 1).map((c) => c.text).join('');
  assert.match(live, /^Executing plan .*\ndone image\.remove old-image-1:latest: removed, 1\.50 MB\ndone image\.remove old-image-2:latest: removed, 3\.00 MB\n$/);
  assert.equal(h.runner.get(run.id).state, 'running');
  h.system.finish();
  now = await h.runner.settled(run.id);
  assert.equal(now.state, 'succeeded', now.summary);
  assert.deepEqual(h.system.executions, [{ request: { planId: plan.id, hash: plan.hash }, actor: `runbook run #${run.id}` }], 'all selected items: no itemIds');
  const executed = now.steps[1]!;
  assert.equal(executed.summary, 'emergency.execute: passed');
  assert.equal(
    executed.output,
    [
      `Executing plan ${plan.id} (Plan 1 for rollback): 2 items`,
      'done image.remove old-image-1:latest: removed, 1.50 MB',
      'done image.remove old-image-2:latest: removed, 3.00 MB',
      'succeeded',
      'verified passed: Freed 3.0 MB on / (predicted 3.0 MB)',
      '  [ok] free bytes: Freed 3.0 MB on / (predicted 3.0 MB)',
      '',
    ].join('\n'),
    'each item once, as it finished, then the measured result',
  );
});

test('each run executes the plan it made itself, not the newest one on the host', async () => {
  const h = emergencyHarness([emergencyRunbook('disk-run', 'action=disk'), emergencyRunbook('gpu-run', 'action=gpu')]);
  const disk = h.runner.start(h.request(h.books[0]));
  await h.runner.settled(disk.id);
  const gpu = h.runner.start(h.request(h.books[1]));
  await h.runner.settled(gpu.id);
  const [diskPlan, gpuPlan] = h.system.plans.map((p) => p.plan);
  assert.deepEqual([diskPlan.action, gpuPlan.action], ['disk', 'gpu']);
  h.runner.command(disk.id, 1, 'confirm');
  assert.equal((await h.runner.settled(disk.id)).state, 'succeeded');
  h.runner.command(gpu.id, 1, 'confirm');
  assert.equal((await h.runner.settled(gpu.id)).state, 'succeeded');
  assert.deepEqual(h.system.executions.map((e) => [e.request.planId, e.actor]), [
    [diskPlan.id, `runbook run #${disk.id}`],
    [gpuPlan.id, `runbook run #${gpu.id}`],
  ]);
});

test('a run without a plan from an earlier step fails at execute, and nothing is executed', async () => {
  const h = emergencyHarness([emergencyRunbook('no-plan', '', { planStep: false })]);
  const run = h.runner.start(h.request(h.books[0]));
  h.runner.command(run.id, 0, 'confirm');
  const done = await h.runner.settled(run.id);
  assert.equal(done.state, 'failed');
  assert.deepEqual(done.steps[0]?.checks, [{ label: 'execution', expected: 'a plan made earlier in this run', actual: NO_PLAN_IN_RUN, passed: false }]);
  assert.deepEqual(h.system.executions, []);
  assert.deepEqual(h.system.plans, []);
});

test('refusals fail the plan step with the refusals shown; the run has no plan to execute even when it goes on', async () => {
  const h = emergencyHarness([emergencyRunbook('refused', 'action=rollback stack=demo', { planOnFailure: 'continue' })]);
  h.system.refusals = ['image sha256:51d0 of api is not on this host: nothing was stopped'];
  const run = h.runner.start(h.request(h.books[0]));
  let now = await h.runner.settled(run.id);
  const planned = now.steps[0]!;
  assert.equal(planned.state, 'failed');
  assert.deepEqual(planned.checks, [{ label: 'plan refusals', expected: 'none', actual: h.system.refusals[0], passed: false }]);
  assert.match(planned.output, /Refused \(nothing will be touched\):\n {2}image sha256:51d0 of api is not on this host: nothing was stopped\n/);
  h.runner.command(run.id, 1, 'confirm');
  now = await h.runner.settled(run.id);
  assert.equal(now.steps[1]?.state, 'failed');
  assert.equal(now.steps[1]?.checks[0].actual, NO_PLAN_IN_RUN);
  assert.deepEqual(h.system.executions, []);
});

test('execute passes only when the run succeeded and its measured verification passed', async () => {
  const h = emergencyHarness([emergencyRunbook('gpu-not-released', 'action=gpu')]);
  h.system.ending = { state: 'succeeded', verified: { passed: false, summary: 'not released (VRAM still held)' } };
  const run = h.runner.start(h.request(h.books[0]));
  await h.runner.settled(run.id);
  h.runner.command(run.id, 1, 'confirm');
  const done = await h.runner.settled(run.id);
  assert.equal(done.state, 'failed');
  assert.deepEqual(done.steps[1]?.checks.map((c) => [c.label, c.actual, c.passed]), [
    ['action run', 'succeeded', true],
    ['verification', 'failed: not released (VRAM still held)', false],
  ]);
  assert.match(done.steps[1]?.output ?? '', /verified failed: not released \(VRAM still held\)/);
});

test('bad plan attributes fail the step with a sentence, and nothing is planned', async () => {
  const h = emergencyHarness([emergencyRunbook('no-stack', 'action=rollback stack=${STACK}', { params: STACK_PARAM.replace('required: true', 'required: false\n    default: ""').replace('^[a-z0-9][a-z0-9_.-]*$', '^([a-z0-9][a-z0-9_.-]*)?$') })]);
  const run = h.runner.start(h.request(h.books[0]));
  const done = await h.runner.settled(run.id);
  assert.equal(done.state, 'failed');
  assert.equal(done.steps[0]?.checks[0].actual, 'action=rollback needs stack= (the compose project to roll back, e.g. stack=${STACK})');
  assert.deepEqual(h.system.plans, []);
});

test('cancelling the run while the plan executes cancels the plan before its next item', async () => {
  const h = emergencyHarness([emergencyRunbook('cancelled', 'action=disk')]);
  h.system.holdExecution = true;
  const run = h.runner.start(h.request(h.books[0]));
  await h.runner.settled(run.id);
  h.runner.command(run.id, 1, 'confirm');
  await h.system.executing;
  h.runner.cancel(run.id);
  const done = await h.runner.settled(run.id);
  assert.equal(done.state, 'cancelled');
  assert.deepEqual(h.system.cancels, [h.system.plans[0].plan.id]);
});

test('a plan with no selected item passes the execute step without executing anything', async () => {
  const h = emergencyHarness([emergencyRunbook('nothing', 'action=gpu')]);
  h.system.nothingSelected = true;
  const run = h.runner.start(h.request(h.books[0]));
  await h.runner.settled(run.id);
  h.runner.command(run.id, 1, 'confirm');
  const done = await h.runner.settled(run.id);
  assert.equal(done.state, 'succeeded', done.summary);
  assert.equal(done.steps[1]?.output, `plan ${h.system.plans[0].plan.id} has no items: nothing to execute\n`);
  assert.deepEqual(h.system.executions, []);
});

test('an action step takes action=disk|gpu|rollback|container, stack= and snapshot=, with ${PARAM} placeholders checked when they run', () => {
  const problems = (attributes: Record<string, string>) => actionStepKind.validate({ body: 'emergency.plan', attributes });
  assert.deepEqual(problems({ action: 'disk' }), []);
  assert.deepEqual(problems({ action: 'rollback', stack: '${STACK}', snapshot: '${SNAPSHOT}' }), []);
  assert.deepEqual(problems({ action: '${WHICH}' }), []);
  assert.deepEqual(problems({ action: 'container', verb: 'restart', container: '${NAME}' }), []);
  assert.deepEqual(problems({ action: 'nuke' }), ['action "nuke" must be disk or gpu or rollback or container']);
});
