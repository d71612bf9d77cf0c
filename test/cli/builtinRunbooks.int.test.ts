import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { RunDetail } from '../../shared/types/runbooks';
import { createTestStack, removeTestStacks, requireDocker, TEST_IMAGE, testDocker } from '../support/dockerEngine';
import { eventually } from '../support/eventually';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

// The shipped runbooks, run for real by the CLI against this machine's Docker engine.

function dataDir(config = ''): string {
  const dir = tempDir('opsbar-builtin-');
  writeFileSync(join(dir, 'config.yaml'), `runbooks:\n  scheduling: false\n${config}`);
  return dir;
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

const stepStates = (run: RunDetail) => run.steps.map((s) => s?.state ?? 'not reached');
const failureReport = (run: RunDetail) =>
  run.attempts
    .filter((a) => a.state !== 'passed')
    .map((a) => `${a.stepId}: ${a.summary}\n${a.output}`)
    .join('\n');

describe('shipped runbooks against the real Docker engine', () => {
  const servers: Server[] = [];
  after(async () => {
    for (const server of servers) server.close();
    await removeTestStacks();
  });

  test('daily health check passes on a healthy host', async (t) => {
    if (!(await requireDocker(t))) return;
    const project = `opsbar-daily-${process.pid}`;
    await createTestStack(project, [{ name: 'api', healthcheck: { test: ['CMD', '/bin/true'], intervalMs: 500 } }, { name: 'worker' }]);
    // Other test files run their own deliberately broken stacks at the same time: the run looks
    // at this test's stack only (STACK), and Opsbar's own status judges the system part only.
    const dir = dataDir('docker:\n  enabled: false\n');
    const { code, stdout, stderr } = await runOpsbar([
      'runbook', 'run', 'daily-health-check', '--json', '--data-dir', dir,
      '--param', `STACK=${project}`, '--param', 'MIN_FREE_PERCENT=1', '--param', 'MIN_AVAILABLE_MEMORY_PERCENT=1',
    ]);
    const run = JSON.parse(stdout) as RunDetail;
    assert.equal(code, 0, `${stderr}\n${failureReport(run)}`);
    assert.equal(run.state, 'succeeded');
    assert.ok(stepStates(run).every((s) => s === 'passed'), stepStates(run).join(', '));
    const gpu = run.attempts.find((a) => /gpu/i.test(a.stepId));
    if (gpu) assert.match(gpu.output, /nvidia-smi|GPU/i, 'the GPU step says what it found (or that there is no GPU)');
  });

  test('daily health check fails at the container step when a container of the stack is unhealthy, and names it', async (t) => {
    if (!(await requireDocker(t))) return;
    const project = `opsbar-daily-bad-${process.pid}`;
    const stack = await createTestStack(project, [{ name: 'sick', healthcheck: { test: ['CMD', '/bin/false'], intervalMs: 500, retries: 1 } }]);
    await eventually('the container to turn unhealthy', async () => (await stack.get('sick').container.inspect()).State.Health?.Status === 'unhealthy', { everyMs: 200 });
    const { code, stdout } = await runOpsbar(['runbook', 'run', 'daily-health-check', '--json', '--data-dir', dataDir('docker:\n  enabled: false\n'), '--param', `STACK=${project}`]);
    const run = JSON.parse(stdout) as RunDetail;
    assert.equal(code, 1);
    assert.equal(run.state, 'failed');
    const failed = run.attempts.find((a) => a.state === 'failed');
    assert.ok(failed?.output.includes(stack.get('sick').name), failed?.output);
  });

  test('cold start: stopped stack started and healthy, health endpoint and model server answering', async (t) => {
    if (!(await requireDocker(t))) return;
    const project = `opsbar-cold-${process.pid}`;
    const stack = await createTestStack(project, [
      { name: 'db', healthcheck: { test: ['CMD', '/bin/true'], intervalMs: 500 }, start: false },
      { name: 'api', healthcheck: { test: ['CMD', '/bin/true'], intervalMs: 500 }, start: false },
    ]);
    const health = await listen((req, res) => res.writeHead(req.url === '/health' ? 200 : 404).end('ok'));
    const model = await listen((req, res) => {
      res.writeHead(req.url === '/v1/models' ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'test-model', object: 'model' }] }));
    });
    servers.push(health.server, model.server);
    const { code, stdout, stderr } = await runOpsbar([
      'runbook', 'run', 'cold-start', '--yes', '--json', '--data-dir', dataDir(),
      '--param', `STACK=${project}`, '--param', `HEALTH_PORT=${health.port}`, '--param', `MODEL_PORT=${model.port}`,
    ]);
    assert.ok(stdout, `no JSON (exit ${code}): ${stderr}`);
    const run = JSON.parse(stdout) as RunDetail;
    assert.equal(code, 0, `${stderr}\n${failureReport(run)}`);
    assert.ok(stepStates(run).every((s) => s === 'passed'), stepStates(run).join(', '));
    for (const c of stack.containers) assert.equal((await testDocker().getContainer(c.id).inspect()).State.Running, true, `${c.name} runs`);
  });

  test('cold start stops at the model server when nothing answers there, and says so', async (t) => {
    if (!(await requireDocker(t))) return;
    const project = `opsbar-cold-nomodel-${process.pid}`;
    await createTestStack(project, [{ name: 'api' }]);
    const health = await listen((_req, res) => res.writeHead(200).end('ok'));
    const closed = await listen(() => {});
    const deadPort = closed.port;
    await new Promise((r) => closed.server.close(r));
    servers.push(health.server);
    const { code, stdout } = await runOpsbar([
      'runbook', 'run', 'cold-start', '--yes', '--json', '--data-dir', dataDir(),
      '--param', `STACK=${project}`, '--param', `HEALTH_PORT=${health.port}`, '--param', `MODEL_PORT=${deadPort}`,
    ]);
    const run = JSON.parse(stdout) as RunDetail;
    assert.equal(code, 1);
    const failed = run.attempts.find((a) => a.state === 'failed');
    assert.match(`${failed?.summary}\n${failed?.output}`, /nothing answers|refused/i);
  });

  test('backup and verify: database and volume archived and checked, 7/4/12 retention keeps exactly its picks', async (t) => {
    if (!(await requireDocker(t))) return;
    const volume = `opsbar-test-vol-${process.pid}`;
    await testDocker().createVolume({ Name: volume, Labels: { 'opsbar.test': '1' } });
    t.after(() => testDocker().getVolume(volume).remove().catch(() => {}));
    execFileSync('docker', ['run', '--rm', '--network', 'none', '-v', `${volume}:/data`, TEST_IMAGE, 'sh', '-c', 'echo model-weights > /data/weights.bin']);
    const backups = join(tempDir('opsbar-backups-'), 'backups');
    mkdirSync(backups);
    // 400 days of nightly database backups before today, and a file that is not a backup.
    const day = 86_400_000;
    const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15);
    const seeded = Array.from({ length: 400 }, (_, i) => `opsbar-db-${stamp(Date.now() - (i + 1) * day).slice(0, 9)}020000.db.gz`);
    for (const name of [...seeded, 'notes.txt']) writeFileSync(join(backups, name), 'x');
    const { code, stdout, stderr } = await runOpsbar([
      'runbook', 'run', 'backup-and-verify', '--yes', '--json', '--data-dir', dataDir(),
      '--param', `BACKUP_DIR=${backups}`, '--param', `VOLUME=${volume}`, '--param', `IMAGE=${TEST_IMAGE}`,
    ], { TZ: 'UTC' });
    assert.ok(stdout, `no JSON (exit ${code}): ${stderr}`);
    const run = JSON.parse(stdout) as RunDetail;
    assert.equal(code, 0, `${stderr}\n${failureReport(run)}`);

    const left = readdirSync(backups).sort();
    const db = left.filter((f) => /^opsbar-db-\d{8}T\d{6}\.db\.gz$/.test(f));
    const archive = left.find((f) => f.startsWith(`volume-${volume}-`) && f.endsWith('.tar.gz'));
    assert.ok(archive, `the volume archive is there: ${left.join(' ')}`);
    assert.match(execFileSync('tar', ['-tzf', join(backups, archive)]).toString(), /weights\.bin/);
    assert.ok(left.includes('notes.txt'), 'a file that is not a backup is never touched');
    assert.deepEqual(db, expectedKept([...seeded, db.find((f) => !seeded.includes(f))!]), 'the database backups kept are the 7/4/12 picks');
  });

  test('incident "API not responding": a healthy API ends at "API answers"; a sick one goes logs → confirmed restart → verified', async (t) => {
    if (!(await requireDocker(t))) return;
    // A PID 1 that honours SIGTERM, so the runbook's graceful restart takes a second, not its 30 s grace.
    const stack = await createTestStack(`opsbar-incident-${process.pid}`, [{ name: 'api', command: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'] }]);
    const api = stack.get('api');
    const startedAt = async () => (await api.container.inspect()).State.StartedAt;
    const firstStart = await startedAt();
    let sick = false;
    // Stands in for the API's published port: healthy, or answering 503 until its container was restarted.
    const health = await listen((_req, res) => {
      void (async () => res.writeHead(sick && (await startedAt()) === firstStart ? 503 : 200).end('health'))();
    });
    servers.push(health.server);
    const runIncident = async () => {
      const { code, stdout, stderr } = await runOpsbar([
        'runbook', 'run', 'incident-api-not-responding', '--yes', '--json', '--data-dir', dataDir(),
        '--param', `CONTAINER=${api.name}`, '--param', `PORT=${health.port}`,
      ]);
      assert.ok(stdout, `no JSON (exit ${code}): ${stderr}`);
      return { code, run: JSON.parse(stdout) as RunDetail };
    };
    const visited = (run: RunDetail) => run.attempts.map((a) => `${a.stepId}:${a.state}`);

    const healthy = await runIncident();
    assert.equal(healthy.code, 0, failureReport(healthy.run));
    assert.deepEqual(visited(healthy.run), ['container-running:passed', 'port-open:passed', 'health-endpoint-answers:passed', 'api-answers:passed']);
    assert.equal(await startedAt(), firstStart, 'nothing was restarted');

    sick = true;
    const recovered = await runIncident();
    assert.equal(recovered.code, 0, failureReport(recovered.run));
    assert.deepEqual(visited(recovered.run), [
      'container-running:passed',
      'port-open:passed',
      'health-endpoint-answers:failed',
      'dependency-reachable:passed',
      'recent-logs:passed',
      'graceful-restart:passed',
      'verify-the-api-answers:passed',
    ]);
    assert.notEqual(await startedAt(), firstStart, 'the container was restarted');
  });

  test('model management benchmarks decode tokens/s from a streamed completion and fails below the target', async () => {
    // An OpenAI-style server streaming at `perSecond` tokens/s: one chunk, and a second later as
    // many more as that rate makes of the time that really passed (a timer late on a busy machine
    // sends more, not slower), then the usage chunk. It records what it sent and over how long.
    const modelServer = async (perSecond: number) => {
      const streams: { tokens: number; seconds: number }[] = [];
      const { server, port } = await listen((req, res) => {
        if (req.url === '/v1/models') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'tiny-llm' }] }));
        if (req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          const request = JSON.parse(body) as { stream?: boolean; stream_options?: { include_usage?: boolean } };
          if (!request.stream) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { content: 'OK' } }] }));
          assert.equal(request.stream_options?.include_usage, true, 'MLX-LM needs include_usage with stream_options');
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          const token = (n: number) => res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: `t${n} ` } }] })}\n\n`);
          const started = performance.now();
          token(0);
          setTimeout(() => {
            const seconds = (performance.now() - started) / 1000;
            const tokens = Math.max(2, Math.round(perSecond * seconds));
            for (let n = 1; n < tokens; n++) token(n);
            res.write(`data: ${JSON.stringify({ choices: [], usage: { completion_tokens: tokens } })}\n\ndata: [DONE]\n\n`);
            res.end();
            streams.push({ tokens, seconds });
          }, 1_000);
        });
      });
      servers.push(server);
      return { port, streams };
    };
    const fast = await modelServer(100);
    const slow = await modelServer(10);
    const bench = (port: number) =>
      runOpsbar(['runbook', 'run', 'model-management', '--yes', '--json', '--data-dir', dataDir(), '--param', `MODEL_URL=http://127.0.0.1:${port}`]);

    const passed = await bench(fast.port);
    const passedRun = JSON.parse(passed.stdout) as RunDetail;
    assert.equal(passed.code, 0, failureReport(passedRun));
    const output = passedRun.steps.at(-1)?.output ?? '';
    const measured = /([0-9.]+) tokens\/s decode \((\d+) tokens from usage\.completion_tokens/.exec(output);
    const streamed = fast.streams.at(-1)!;
    assert.equal(Number(measured?.[2]), streamed.tokens, output);
    // curl's first-to-last-byte span is the server's, give or take the delivery of two chunks.
    const rate = streamed.tokens / streamed.seconds;
    assert.ok(Math.abs(Number(measured?.[1]) / rate - 1) < 0.25, `${rate.toFixed(1)} tokens/s streamed: ${output}`);

    const failed = await bench(slow.port);
    const failedRun = JSON.parse(failed.stdout) as RunDetail;
    assert.equal(failed.code, 1);
    assert.equal(failedRun.steps.at(-1)?.state, 'failed');
    assert.match(failedRun.steps.at(-1)?.output ?? '', /BELOW TARGET: [0-9.]+ < 30 tokens\/s/);
  });
});

/** An independent statement of the rule: newest overall, then the newest of each of the 7 latest days, 4 latest ISO weeks, 12 latest months. */
function expectedKept(files: string[]): string[] {
  const sorted = [...files].sort().reverse();
  const isoWeek = (name: string) => {
    const s = /(\d{4})(\d{2})(\d{2})T/.exec(name)!;
    const date = new Date(Date.UTC(+s[1], +s[2] - 1, +s[3]));
    const weekday = date.getUTCDay() || 7;
    date.setUTCDate(date.getUTCDate() + 4 - weekday);
    const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
    return `${date.getUTCFullYear()}-W${Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7)}`;
  };
  const keep = new Set<string>([sorted[0]]);
  const pick = (key: (f: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const f of sorted) {
      const k = key(f);
      if (seen.has(k)) continue;
      seen.add(k);
      if (seen.size <= count) keep.add(f);
    }
  };
  pick((f) => /(\d{8})T/.exec(f)![1], 7);
  pick(isoWeek, 4);
  pick((f) => /(\d{6})\d{2}T/.exec(f)![1], 12);
  return [...keep].sort();
}
