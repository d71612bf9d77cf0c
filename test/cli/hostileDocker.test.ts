import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually } from '../support/eventually';
import { startFakeDockerEngine, type FakeDockerEngine } from '../support/fakeDockerEngine';
import { callApi, runOpsbar, serveOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

// The real `opsbar` against a Docker socket that floods, hangs or lies (issue 8, items 4–5).

async function hostile(t: { after(fn: () => Promise<void>): void }): Promise<{ engine: FakeDockerEngine; dataDir: string }> {
  const dataDir = tempDir('opsbar-hostile-cli-');
  const engine = await startFakeDockerEngine(dataDir);
  t.after(() => engine.close());
  writeFileSync(join(dataDir, 'config.yaml'), `docker:\n  endpoint: ${engine.socketPath}\n`);
  return { engine, dataDir };
}

async function statusJson(dataDir: string) {
  const { stdout, stderr } = await runOpsbar(['status', '--json', '--data-dir', dataDir]);
  assert.ok(stdout.trim(), `status printed nothing; stderr:\n${stderr}`);
  return JSON.parse(stdout);
}

function dockerCheckOf(status: { checks: { id: string; severity: string; summary: string }[] }) {
  const check = status.checks.find((c) => c.id === 'docker');
  assert.ok(check, 'a Docker check is listed');
  return check;
}

test('a 512 MB reply to the container list is an error for Docker, not a crash', async (t) => {
  const { engine, dataDir } = await hostile(t);
  engine.reply('/containers/json', { kind: 'flood', bytes: 512 * 1024 * 1024, announce: false });
  const status = await statusJson(dataDir);
  const expected = `The Docker engine at ${engine.socketPath} sent a reply over 8 MiB to GET /containers/json; not read.`;
  assert.equal(status.docker.available, false);
  assert.ok(status.docker.error.startsWith(expected), status.docker.error);
  assert.equal(dockerCheckOf(status).severity, 'unknown');
  assert.equal(dockerCheckOf(status).summary, status.docker.error);
  assert.ok(engine.floodedBytes() < 64 * 1024 * 1024, `${engine.floodedBytes()} bytes were let in`);
});

test('valid HTTP with the wrong JSON is said in words by `opsbar status` and `opsbar docker`', async (t) => {
  const { engine, dataDir } = await hostile(t);
  engine.reply('/containers/json', { kind: 'json', body: [{ Id: 5 }] });
  const expected = `The Docker engine at ${engine.socketPath} answered GET /containers/json with something that is not a list of containers (item 0, Id: expected string).`;

  const text = await runOpsbar(['status', '--data-dir', dataDir]);
  assert.match(text.stdout, /\[\?\? {2}\] Docker +The Docker engine at .* answered GET \/containers\/json with something that is not a list of containers/);
  assert.doesNotMatch(text.stdout, /Not checked yet|Cannot read properties/);

  const alone = await runOpsbar(['docker', '--data-dir', dataDir]);
  assert.ok(alone.stdout.startsWith(`Docker: not available — ${expected}`), alone.stdout);
  const aloneJson = JSON.parse((await runOpsbar(['docker', '--json', '--data-dir', dataDir])).stdout);
  assert.ok(aloneJson.error.startsWith(expected), aloneJson.error);

  engine.reply('/containers/json', { kind: 'json', body: null });
  const status = await statusJson(dataDir);
  assert.match(dockerCheckOf(status).summary, /not a list of containers \(it is null\)/);
});

test('a hanging engine: `opsbar status` answers with Docker unknown and the reason', async (t) => {
  const { engine, dataDir } = await hostile(t);
  for (const path of ['/containers/json', '/version', '/events']) engine.reply(path, { kind: 'hang' });
  const status = await statusJson(dataDir);
  assert.equal(status.docker.available, false);
  assert.match(status.docker.error, /^Docker did not answer within 5 s at .* \(listing containers\): the engine looks hung or overloaded\./);
  assert.equal(dockerCheckOf(status).severity, 'unknown');
  // One deadline, not one per reading: the second reading (250 ms later) reports the same timeout.
  assert.equal(engine.requests.filter((r) => r.startsWith('/containers/json')).length, 1, engine.requests.join('\n'));
});

test('a hanging engine: `opsbar serve` stops on SIGTERM with exit code 0 and closes the store', async (t) => {
  const { engine, dataDir } = await hostile(t);
  for (const path of ['/containers/json', '/version', '/events']) engine.reply(path, { kind: 'hang' });
  const served = await serveOpsbar(dataDir, ['--quiet']);
  t.after(() => served.stop());
  await eventually('Docker reported as hung', async () => {
    const reply = await callApi(served, 'status.get');
    return typeof reply.value?.docker?.error === 'string' && /did not answer/.test(reply.value.docker.error);
  });
  assert.ok(existsSync(join(dataDir, 'opsbar.db-wal')), 'the store is open (WAL mode) while serving');
  const exited = new Promise<number | null>((resolve) => served.child.once('exit', (code) => resolve(code)));
  served.child.kill('SIGTERM');
  assert.equal(await exited, 0, served.stderr());
  // SQLite removes the -wal file when the last connection closes cleanly.
  assert.equal(existsSync(join(dataDir, 'opsbar.db-wal')), false, 'the store was closed');
  assert.ok(existsSync(join(dataDir, 'opsbar.db')));
});

test('100 running containers on an engine whose cgroups Opsbar cannot read: listed, figures from one-shot stats', async (t) => {
  const { engine, dataDir } = await hostile(t);
  const containers = Array.from({ length: 100 }, (_, i) => ({
    Id: `c${String(i).padStart(63, '0')}`,
    Names: [`/svc-${i}`],
    Image: 'busybox',
    Labels: { 'com.docker.compose.project': `p${i % 5}`, 'com.docker.compose.service': `s${i}` },
    State: 'running',
    Status: 'Up 3 minutes',
  }));
  engine.reply('/containers/json', { kind: 'json', body: containers });
  // Pid 0: not a local process Opsbar can read cgroups of, so figures come from one-shot stats.
  engine.reply('/containers/*/json', { kind: 'json', body: { RestartCount: 0, State: { Status: 'running', ExitCode: 0, StartedAt: '2026-01-01T00:00:00Z', Pid: 0 } } });
  engine.reply('/containers/*/stats', {
    kind: 'json',
    body: {
      cpu_stats: { cpu_usage: { total_usage: 1e9 }, system_cpu_usage: 1e12, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 5e8 }, system_cpu_usage: 9.9e11, online_cpus: 2 },
      memory_stats: { usage: 5e6, limit: 1e9, stats: { inactive_file: 1e6 } },
    },
  });
  const status = await statusJson(dataDir);
  const listed = status.docker.stacks.flatMap((s: { containers: unknown[] }) => s.containers);
  assert.equal(listed.length, 100);
  // The stats round runs in the background (a real one-shot stats call takes ~1 s): a one-shot
  // status shows the ones read by its second reading, each with both figures, validated.
  const measured = listed.filter((c: { memoryBytes: number | null }) => c.memoryBytes !== null);
  assert.ok(measured.length > 0, 'some containers have figures');
  for (const c of measured) {
    assert.equal(c.memoryBytes, 4e6, `${c.name} memory (usage − inactive file)`);
    assert.equal(c.cpuPercent, 10, `${c.name} CPU`);
  }
  assert.equal(dockerCheckOf(status).summary, '100 of 100 running healthy');
});
