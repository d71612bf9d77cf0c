// The shipped stack-rollback runbook, run for real by the CLI against the shared Docker engine:
// only this file's own stack, images and volume (named with the pid) are touched.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RunDetail } from '../../shared/types/runbooks';
import { removeTestStacks, requireDocker } from '../support/dockerEngine';
import { eventually } from '../support/eventually';
import { runOpsbar } from '../support/opsbarProcess';
import { rollbackFixture, type RollbackFixture } from '../support/rollbackFixture';
import { tempDir } from '../support/tempDir';

const fixtures: RollbackFixture[] = [];
const servers: Server[] = [];
after(async () => {
  for (const server of servers) server.close();
  for (const f of fixtures) await f.cleanup();
  await removeTestStacks();
});

function dataDir(): string {
  const dir = tempDir('opsbar-emergency-rb-');
  writeFileSync(join(dir, 'config.yaml'), 'runbooks:\n  scheduling: false\nemergency:\n  rollback:\n    healthTimeout: 60s\n');
  return dir;
}

/** Stands in for the stack's published health endpoint. */
async function healthEndpoint(): Promise<number> {
  const server = createServer((_req, res) => res.writeHead(200).end('ok'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const steps = (run: RunDetail) => run.attempts.map((a) => `${a.stepId}:${a.state}`);
const report = (run: RunDetail) => run.attempts.map((a) => `${a.stepId} ${a.state}: ${a.summary}\n${a.output}`).join('\n');

async function rollbackRun(dir: string, stack: string, port: number): Promise<{ code: number | null; run: RunDetail }> {
  const { code, stdout, stderr } = await runOpsbar(['runbook', 'run', 'stack-rollback', '--yes', '--json', '--data-dir', dir, '--param', `STACK=${stack}`, '--param', `HEALTH_PORT=${port}`]);
  assert.ok(stdout, `no JSON (exit ${code}): ${stderr}`);
  return { code, run: JSON.parse(stdout) as RunDetail };
}

test('stack-rollback: v1 healthy → snapshot → a bad v2 → the runbook’s confirmed plan brings v1 back healthy, the volume intact', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = rollbackFixture('rbk');
  fixtures.push(f);
  const dir = dataDir();
  const v1 = await f.release('v1');
  await f.up('db', await f.release('db'));
  await f.up('app', v1);
  await eventually('v1 healthy', async () => (await f.inspect('app')).State.Health?.Status === 'healthy');
  const taken = await runOpsbar(['snapshot', 'take', f.stack, '--json', '--data-dir', dir]);
  assert.equal(taken.code, 0, taken.stderr);

  const v2 = await f.release('v2');
  await f.down('app');
  await f.up('app', v2, { healthy: false });
  await eventually('v2 unhealthy', async () => (await f.inspect('app')).State.Health?.Status === 'unhealthy');

  const { code, run } = await rollbackRun(dir, f.stack, await healthEndpoint());
  assert.equal(code, 0, report(run));
  assert.deepEqual(steps(run), ['the-stack-now:passed', 'plan-the-rollback:passed', 'roll-back:passed', 'stack-is-healthy:passed', 'endpoint-answers:passed']);
  const planned = run.attempts.find((a) => a.stepId === 'plan-the-rollback')!;
  assert.match(planned.output, new RegExp(`^Roll back ${f.stack}.* — plan [A-Za-z0-9_-]+\n`));
  assert.match(planned.output, /Kept \(\d+\):\n(?:.*\n)*.*volume.*never removed/);
  const executed = run.attempts.find((a) => a.stepId === 'roll-back')!;
  assert.match(executed.output, /^Executing plan /);
  assert.match(executed.output, /\nsucceeded\nverified passed: /);
  const app = await f.inspect('app');
  assert.equal(app.Image, v1.id, 'the app runs the known-good image again');
  assert.equal(app.State.Health?.Status, 'healthy');
  assert.equal(await f.readVolume(), `seed-${process.pid}`, 'the volume’s data is intact');
});

test('stack-rollback without a snapshot: the plan is refused, the run fails there, and nothing is stopped', async (t) => {
  if (!(await requireDocker(t))) return;
  const f = rollbackFixture('rbn');
  fixtures.push(f);
  await f.up('app', await f.release('v1'));
  const before = await f.inspect('app');
  const { code, run } = await rollbackRun(dataDir(), f.stack, await healthEndpoint());
  assert.equal(code, 1, report(run));
  assert.deepEqual(steps(run), ['the-stack-now:passed', 'plan-the-rollback:failed']);
  assert.match(run.attempts[1].output, /Refused \(nothing will be touched\):\n {2}\S/);
  const after = await f.inspect('app');
  assert.equal(after.Id, before.Id, 'the same container');
  assert.equal(after.State.StartedAt, before.State.StartedAt, 'never stopped');
});
