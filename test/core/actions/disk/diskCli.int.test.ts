import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionOutcome, ActionPlan } from '../../../../shared/types/actions';
import { createTestStack, removeTestStacks, requireDocker, testDocker } from '../../../support/dockerEngine';
import { eventually } from '../../../support/eventually';
import { runOpsbar } from '../../../support/opsbarProcess';
import { tempDir } from '../../../support/tempDir';

after(() => removeTestStacks());

test('the real `opsbar emergency disk` plans the host, and executing one item of it removes exactly that stopped container', async (t) => {
  if (!(await requireDocker(t))) return;
  const docker = testDocker();
  const stack = await createTestStack(`t${process.pid}-diskcli`, [{ name: 'web' }, { name: 'old', command: ['true'] }, { name: 'spare', start: false }]);
  const old = stack.get('old');
  await eventually('the old container to exit', async () => (await docker.getContainer(old.id).inspect()).State.Status === 'exited');
  const dataDir = tempDir();

  const planned = await runOpsbar(['emergency', 'disk', '--plan', '--json', '--data-dir', dataDir]);
  assert.equal(planned.code, 0, planned.stderr);
  const plan = JSON.parse(planned.stdout) as ActionPlan;
  assert.ok(plan.items.some((i) => i.id === `container:${old.id}` && i.kind === 'container.remove'));
  assert.ok(plan.items.some((i) => i.id === `container:${stack.get('spare').id}`), 'a created container is a candidate too');
  assert.ok(plan.kept.some((k) => k.id === `container:${stack.get('web').id}` && k.reason === 'running: never removed'));

  // Only this test's item: the shared engine's other stopped containers are not ours to remove.
  const executed = await runOpsbar(['emergency', 'execute', plan.id, '--item', `container:${old.id}`, '--json', '--data-dir', dataDir]);
  assert.equal(executed.code, 0, executed.stdout + executed.stderr);
  const outcome = JSON.parse(executed.stdout) as ActionOutcome;
  assert.deepEqual(outcome.items.map((i) => [i.id, i.outcome]), [[`container:${old.id}`, 'done']]);
  assert.equal(outcome.verified?.passed, true, JSON.stringify(outcome.verified));
  assert.equal(typeof outcome.verified?.figures.freeBytesBefore, 'number');
  const exists = (id: string) => docker.getContainer(id).inspect().then(() => true, () => false);
  assert.equal(await exists(old.id), false);
  assert.equal(await exists(stack.get('spare').id), true, 'the unconfirmed item is untouched');
  assert.equal(await exists(stack.get('web').id), true);
});
