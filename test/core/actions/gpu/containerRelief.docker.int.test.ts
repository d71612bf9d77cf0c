// Restarting and stopping a container that holds GPU memory, against the real Docker engine: the
// stand-in nvidia-smi reports the container's host PID, which maps to its compose stack/service.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createGpuAction } from '../../../../electron/core/actions/gpu/gpuAction';
import { createDockerApi } from '../../../../electron/core/monitors/docker/dockerApi';
import type { ActionPlan, ItemOutcome } from '../../../../shared/types/actions';
import { createTestStack, removeTestStacks, requireDocker, testDocker } from '../../../support/dockerEngine';
import { gpuHarness, MiB, readGpu } from './gpuActionHarness';

after(() => removeTestStacks());

const action = createGpuAction();
const endpoint = { kind: 'unix', socketPath: '/var/run/docker.sock', source: 'default' } as const;

test('a GPU container is restarted by its stack/service (stop is offered unticked); a container no longer running is skipped', async (t) => {
  if (!(await requireDocker(t))) return;
  const project = `gpu-relief-${process.pid}`;
  const stack = await createTestStack(project, [{ name: 'worker' }]);
  const { id } = stack.get('worker');
  const first = await testDocker().getContainer(id).inspect();
  const dockerApi = createDockerApi(endpoint);
  const h = gpuHarness(t, [first.State.Pid], { dockerApi, dockerAdmin: () => testDocker(), termGraceMs: 1_000 });

  const draft = await action.plan({}, h.deps);
  const plan: ActionPlan = { id: 'gpu-plan-docker', hash: '0'.repeat(64), action: 'gpu', params: {}, createdAt: 0, expiresAt: 0, predictedBytes: 2566 * MiB, ...draft };
  assert.deepEqual(
    plan.items.map((i) => [i.id, i.kind, i.name, i.bytes, i.selected]),
    [
      [`container:${id}:restart`, 'container.restart', `${project}/worker`, 2566 * MiB, true],
      [`container:${id}:stop`, 'container.stop', `${project}/worker`, 2566 * MiB, false],
    ],
  );
  const [restart, stop] = plan.items;
  const { before } = await action.prepare(plan, [restart], h.context);
  assert.deepEqual(await action.executeItem(restart, plan, h.context), { outcome: 'done', detail: 'restarted (Docker gave it 1 s after SIGTERM)', bytes: 2566 * MiB });
  const restarted = await testDocker().getContainer(id).inspect();
  assert.equal(restarted.State.Running, true);
  assert.notEqual(restarted.State.StartedAt, first.State.StartedAt, 'it was started again');
  assert.deepEqual((await readGpu(h.standIn, dockerApi)).processes, [], 'its old process no longer holds GPU memory');
  const done: ItemOutcome = { id: restart.id, outcome: 'done', detail: '', bytes: restart.bytes, at: 0 };
  const verified = await action.verify(plan, [done], before, h.context);
  assert.equal(verified.summary, 'released 2.5 GB (the plan predicted 2.5 GB)');
  assert.equal(verified.passed, true);

  assert.equal((await action.executeItem(stop, plan, h.context)).outcome, 'done');
  assert.equal((await testDocker().getContainer(id).inspect()).State.Running, false);
  assert.deepEqual(await action.executeItem(restart, plan, h.context), { outcome: 'skipped', detail: `container ${project}/worker is no longer running: nothing to release` });
});
