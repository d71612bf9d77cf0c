// `opsbar logs` as a real process against the real engine.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createTestStack, removeTestStacks, requireDocker } from '../support/dockerEngine';
import { eventually } from '../support/eventually';
import { OPSBAR_BIN, runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

after(() => removeTestStacks());

const P = `opsbar-logscli-${process.pid}`;
const STAMP = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

async function container(project: string, command: string[]) {
  return (await createTestStack(project, [{ name: 'app', command }])).get('app');
}

function follow(args: string[]) {
  const child = spawn(process.execPath, [OPSBAR_BIN, 'logs', ...args, '--follow', '--data-dir', tempDir()], { env: { ...process.env, NODE_OPTIONS: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

test('--tail 2 prints the last two lines with their time; stderr says so; --json one object a line', async (t) => {
  if (!(await requireDocker(t))) return;
  const out = await container(`${P}-a`, ['sh', '-c', 'for i in 1 2 3 4 5; do echo line$i; done; sleep 3600']);
  const err = await container(`${P}-b`, ['sh', '-c', 'echo boom >&2; sleep 3600']);
  const dataDir = tempDir();
  const tail = await eventually('five lines written', async () => {
    const r = await runOpsbar(['logs', out.name, '--tail', '2', '--data-dir', dataDir]);
    return r.stdout.includes('line5') && r;
  });
  assert.equal(tail.code, 0, tail.stderr);
  assert.match(tail.stdout, new RegExp(`^${STAMP} line4\\n${STAMP} line5\\n$`));
  const stderrLine = await eventually('boom', async () => {
    const r = await runOpsbar(['logs', err.name, '--data-dir', dataDir]);
    return r.stdout.includes('boom') && r;
  });
  assert.match(stderrLine.stdout, new RegExp(`^${STAMP} stderr\\| boom\\n$`));
  const json = await runOpsbar(['logs', err.name, '--json', '--data-dir', dataDir]);
  const parsed = JSON.parse(json.stdout.trim()) as { at: string; stream: string; text: string };
  assert.deepEqual([parsed.stream, parsed.text], ['stderr', 'boom']);
  assert.ok(!Number.isNaN(Date.parse(parsed.at)));
});

test('--follow prints later lines, and exits 0 when the container stops', async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await container(`${P}-c`, ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo tick$i; sleep 0.05; done']);
  const run = follow([c.name, '--tail', '1']);
  await eventually('several ticks', () => (run.stdout().match(/tick\d+/g) ?? []).length >= 5);
  const ticks = (run.stdout().match(/tick(\d+)/g) ?? []).map((s) => Number(s.slice(4)));
  assert.deepEqual(ticks, ticks.map((_, i) => ticks[0] + i));
  await c.container.kill();
  assert.equal(await run.exited, 0, run.stderr());
});

test('--follow ends with exit 0 on SIGTERM', async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await container(`${P}-d`, ['sh', '-c', 'echo ready; sleep 3600']);
  const run = follow([c.name]);
  await eventually('the first line', () => run.stdout().includes('ready'));
  run.child.kill('SIGTERM');
  assert.equal(await run.exited, 0, run.stderr());
});

test('an unknown container: a clear message and exit 1; a bad --tail: usage', async (t) => {
  if (!(await requireDocker(t))) return;
  const r = await runOpsbar(['logs', `${P}-none`, '--data-dir', tempDir()]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`opsbar logs: No container named "${P}-none"`));
  const bad = await runOpsbar(['logs', 'x', '--tail', 'lots', '--data-dir', tempDir()]);
  assert.equal(bad.code, 64);
  assert.match(bad.stderr, /--tail takes a number or "all"/);
});

test('Docker off in the config: the reason, exit 1', async () => {
  const dataDir = tempDir();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`${dataDir}/config.yaml`, 'docker:\n  enabled: false\n');
  const r = await runOpsbar(['logs', 'web', '--data-dir', dataDir]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /Docker is turned off in the settings/);
});

test('20,000 lines into a pipe: none lost', async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await container(`${P}-e`, ['sh', '-c', 'seq 1 20000; sleep 3600']);
  const quoted = [process.execPath, OPSBAR_BIN, 'logs', c.name, '--tail', 'all', '--data-dir', tempDir()].map((a) => `'${a}'`).join(' ');
  const count = async () =>
    new Promise<string>((resolve) => {
      const child = spawn('/bin/sh', ['-c', `${quoted} | cat`], { env: { ...process.env, NODE_OPTIONS: '' } });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', () => resolve(out));
    });
  const out = await eventually('all 20,000 written', async () => {
    const text = await count();
    return text.includes(' 20000\n') && text;
  });
  const numbers = out.trimEnd().split('\n').map((l) => Number(l.split(' ')[1]));
  assert.equal(numbers.length, 20_000);
  assert.equal(numbers[19_999], 20_000);
});
