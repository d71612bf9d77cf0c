// `opsbar restart|stop|start` in this process against the real (shared) Docker engine: only this
// file's own containers (opsbar.test=1, named with the pid).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { containerCli, type ContainerCliArgs, type ContainerCliOptions } from '../../electron/core/cli/containerCli';
import { createTestStack, removeTestStacks, requireDocker, testDocker } from '../support/dockerEngine';
import { tempDir } from '../support/tempDir';

after(() => removeTestStacks());

function dataDir(): string {
  const dir = tempDir('opsbar-container-cli-');
  writeFileSync(join(dir, 'config.yaml'), ['gpu:', '  enabled: false', 'models:', '  enabled: false', ''].join('\n'));
  return dir;
}

async function cli(args: Partial<ContainerCliArgs> & Pick<ContainerCliArgs, 'verb'>, options: ContainerCliOptions = { ask: null }) {
  let out = '';
  let err = '';
  const code = await containerCli({ dataDir: dataDir(), positionals: [], stack: undefined, yes: false, json: false, ...args }, { out: (s) => (out += s), err: (s) => (err += s) }, options);
  return { code, out, err };
}

const startedAt = async (id: string) => (await testDocker().getContainer(id).inspect()).State.StartedAt;

test('usage errors exit 64 before Docker is asked anything', async () => {
  assert.equal((await cli({ verb: 'restart' })).code, 64);
  assert.match((await cli({ verb: 'stop', stack: 'demo' })).err, /^Only a restart takes --stack/);
  assert.match((await cli({ verb: 'restart', positionals: ['a', 'b'] })).err, /takes one container \(got also "b"\)/);
  assert.match((await cli({ verb: 'restart', positionals: ['bad name!'] })).err, /is not a container name or id/);
  assert.equal((await cli({ verb: 'restart', positionals: ['web'], stack: 'demo' })).code, 64);
});

test('without --yes and without a terminal to ask on: the plan is printed, nothing is touched, exit 3; a "no" answer likewise', async (t) => {
  if (!(await requireDocker(t))) return;
  const stack = await createTestStack(`opsbar-t${process.pid}-cli-ask`, [{ name: 'web' }]);
  const web = stack.get('web');
  const before = await startedAt(web.id);
  const run = await cli({ verb: 'restart', positionals: [web.name] });
  assert.equal(run.code, 3, run.err);
  assert.match(run.out, new RegExp(`^Restart container ${web.name}: plan pl_\\S+, made `));
  assert.match(run.out, new RegExp(`\nIn this order \\(1\\):\n {3}1\\. restart +${web.name} — now running \\(no healthcheck\\), started \\S+Z\n`));
  assert.doesNotMatch(run.out, /Execute with|predicted|size unknown/);
  assert.match(run.err, /Not confirmed: to restart container .* run again with --yes \(stdin is not a terminal/);
  const asked: string[] = [];
  const no = await cli({ verb: 'restart', positionals: [web.name] }, { ask: async (q) => (asked.push(q), false) });
  assert.equal(no.code, 3);
  assert.deepEqual(asked, [`Type yes to restart container ${web.name}:`]);
  assert.equal(await startedAt(web.id), before, 'nothing was restarted');
});

test('restart CONTAINER --yes: restarted, verified, exit 0; --json prints the plan and the outcome; an unknown one is refused (3)', async (t) => {
  if (!(await requireDocker(t))) return;
  const stack = await createTestStack(`opsbar-t${process.pid}-cli-run`, [{ name: 'web', healthcheck: { test: ['CMD', 'true'], intervalMs: 500 } }]);
  const web = stack.get('web');
  const before = await startedAt(web.id);
  const run = await cli({ verb: 'restart', positionals: [web.name], yes: true });
  assert.equal(run.code, 0, run.out + run.err);
  assert.match(run.out, /\n {2}done {5}container\.restart \S+ — restarted \(grace 1 s\)\n/);
  assert.match(run.out, new RegExp(`Verification: passed — ${web.name} running and healthy \\(restarted \\d\\d:\\d\\d:\\d\\d\\)`));
  assert.notEqual(await startedAt(web.id), before);

  const json = await cli({ verb: 'stop', positionals: [web.name], yes: true, json: true });
  assert.equal(json.code, 0, json.err);
  const parsed = JSON.parse(json.out) as { plan: { action: string }; outcome: { state: string; verified: { passed: boolean } } };
  assert.equal(parsed.plan.action, 'container');
  assert.equal(parsed.outcome.state, 'succeeded');
  assert.equal((await testDocker().getContainer(web.id).inspect()).State.Running, false);

  const missing = await cli({ verb: 'start', positionals: [`opsbar-t${process.pid}-absent`], yes: true });
  assert.equal(missing.code, 3);
  assert.match(missing.out, /This plan cannot run:\n {2}No container opsbar-t\d+-absent on this host/);
});
