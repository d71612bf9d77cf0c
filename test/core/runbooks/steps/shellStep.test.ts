// The shell step kind with real processes: verification, timeouts and cancels that kill the
// whole group, hostile params that stay data, the environment it gets and the one it does not.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StepCancelledError, StepTimeoutError } from '../../../../electron/core/runbooks/run/stepAbort';
import { shellStepKind } from '../../../../electron/core/runbooks/steps/shellStep';
import { eventually } from '../../../support/eventually';
import { tempDir } from '../../../support/tempDir';
import { killAll, processAlive, readPids } from './support/processProbe';
import { testStep } from './support/stepContext';

const dir = tempDir('opsbar-shell-');
const home = join(dir, 'home');
mkdirSync(join(home, 'sub'), { recursive: true });
const leftovers: number[] = [];
after(() => killAll(leftovers));

function shell(body: string, attributes: Record<string, string> = {}, extra: Partial<Parameters<typeof testStep>[0]> = {}) {
  return testStep({ kind: 'shell', body, attributes, homeDir: home, ...extra });
}

test('validate accepts good attributes and explains bad ones', () => {
  const ok = { body: 'docker info', attributes: { 'expect-exit': '0,1', 'expect-output': '^Server Version', 'reject-output': 'error', cwd: '~/x' } };
  assert.deepEqual(shellStepKind.validate(ok), []);
  const problems = shellStepKind.validate({
    body: '  ',
    attributes: { 'expect-exit': '256', 'expect-output': '(unclosed', cwd: 'relative/dir', colour: 'red' },
  });
  assert.equal(problems.length, 5, problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('expect-exit "256"')));
  assert.ok(problems.some((p) => p.startsWith('expect-output is not a valid regular expression')));
  assert.ok(problems.some((p) => p.includes('absolute path')));
  assert.ok(problems.some((p) => p === 'unknown attribute colour'));
  assert.ok(problems.some((p) => p.includes('needs a script')));
  assert.deepEqual(shellStepKind.validate({ body: 'x', attributes: { 'expect-exit': 'a' } }).length, 1);
  assert.deepEqual(shellStepKind.validate({ body: 'x', attributes: { cwd: '~root' } }).length, 1);
});

test('exit code 0 passes; stdout and stderr both reach the output', async () => {
  const step = shell('echo out; echo err >&2');
  const result = await shellStepKind.execute(step.context);
  assert.deepEqual(result.checks, [{ label: 'exit code', expected: '0', actual: '0', passed: true }]);
  assert.equal(result.exitCode, 0);
  assert.equal(result.summary, 'exit code 0');
  assert.match(step.output(), /out/);
  assert.match(step.output(), /err/);
});

test('a wrong exit code fails, and the summary quotes what the script said last', async () => {
  const result = await shellStepKind.execute(shell('echo checking; echo "No NVIDIA GPU here: nvidia-smi not found" >&2; exit 3').context);
  assert.deepEqual(result.checks, [{ label: 'exit code', expected: '0', actual: '3', passed: false }]);
  assert.equal(result.summary, 'exit code 3 (expected 0): No NVIDIA GPU here: nvidia-smi not found');
});

test('expect-exit takes a list', async () => {
  const result = await shellStepKind.execute(shell('exit 1', { 'expect-exit': '0,1' }).context);
  assert.equal(result.checks[0].passed, true);
  assert.equal(result.checks[0].expected, '0,1');
});

test('expect-output and reject-output search stdout and stderr', async () => {
  const pass = await shellStepKind.execute(shell('echo "Server Version: 24.0.7" >&2', { 'expect-output': '^Server Version', 'reject-output': 'ERROR' }).context);
  assert.deepEqual(pass.checks.slice(1), [
    { label: 'output matches', expected: '/^Server Version/m', actual: 'found: Server Version: 24.0.7', passed: true },
    { label: 'output does not match', expected: 'no /ERROR/m', actual: 'not found', passed: true },
  ]);
  assert.equal(pass.summary, 'exit code 0, output matched');

  const miss = await shellStepKind.execute(shell('echo nothing', { 'expect-output': 'Server Version' }).context);
  assert.equal(miss.checks[1].actual, 'not found; last line: nothing');
  assert.equal(miss.checks[1].passed, false);
  assert.equal(miss.summary, 'exit code 0, expected output not found');

  const rejected = await shellStepKind.execute(shell('echo fine; echo "ERROR: disk full" >&2', { 'reject-output': 'ERROR' }).context);
  assert.equal(rejected.checks[1].passed, false);
  assert.equal(rejected.checks[1].actual, 'found: ERROR: disk full');
  assert.equal(rejected.summary, 'exit code 0, rejected output found: ERROR: disk full');
});

test('patterns match the text without ANSI colours', async () => {
  const result = await shellStepKind.execute(shell("printf '\\033[32mOK\\033[0m\\n'", { 'expect-output': '^OK$' }).context);
  assert.equal(result.checks[1].passed, true, JSON.stringify(result.checks));
});

test('on truncated output the match runs on head and tail, and the label says so', async () => {
  const body = `echo BEGIN; head -c 500000 /dev/zero | tr '\\0' x; echo; echo MIDDLE; head -c 500000 /dev/zero | tr '\\0' y; echo; echo END`;
  const begin = await shellStepKind.execute(shell(body, { 'expect-output': '^BEGIN$' }).context);
  assert.equal(begin.checks[1].passed, true);
  assert.match(begin.checks[1].label, /^output matches \(searched first 32 KiB and last 32 KiB of 976\.6 KiB\)$/);
  const middle = await shellStepKind.execute(shell(body, { 'expect-output': '^MIDDLE$' }).context);
  assert.equal(middle.checks[1].passed, false);
  const end = await shellStepKind.execute(shell(body, { 'expect-output': '^END$' }).context);
  assert.equal(end.checks[1].passed, true);
});

test('a step printing hundreds of MB is verified in bounded memory', async () => {
  const total = 200_000_000;
  const step = shell(`head -c ${total - 4} /dev/zero | tr '\\0' x; printf 'END\\n'`, { 'expect-output': 'xEND$' });
  const before = process.memoryUsage().rss;
  const result = await shellStepKind.execute(step.context);
  const grew = process.memoryUsage().rss - before;
  assert.equal(step.bytes(), total);
  assert.equal(result.checks[1].passed, true);
  assert.match(result.checks[1].label, /of 190\.7 MiB/);
  assert.ok(grew < 150 * 1024 * 1024, `rss grew by ${grew} bytes`);
});

function familyBody(file: string): string {
  return `
    sleep 300 & echo $! >> "${file}"
    sh -c 'sleep 300 & echo $! >> "${file}"; sleep 300' & echo $! >> "${file}"
    echo $$ >> "${file}"
    while [ "$(wc -l < "${file}")" -lt 4 ]; do sleep 0.05; done
    echo started
    wait
  `;
}

test('a timeout kills the whole process group and says so', async () => {
  const file = join(dir, 'timeout.pids');
  const step = shell(familyBody(file), {}, { timeoutMs: 30_000 });
  step.onOutput('started', () => step.controller.abort(new StepTimeoutError(30_000)));
  const result = await shellStepKind.execute(step.context);
  const pids = readPids(file);
  leftovers.push(...pids);
  assert.equal(pids.length, 4);
  assert.equal(result.summary, 'timed out after 30 s (process group killed)');
  assert.equal(result.timedOut, true);
  assert.deepEqual(result.checks, [{ label: 'finished in time', expected: 'within 30 s', actual: 'timed out (process group killed)', passed: false }]);
  await eventually('every process of the group to die', () => pids.every((pid) => !processAlive(pid)));
});

test('a cancel mid-run kills the whole process group', async () => {
  const file = join(dir, 'cancel.pids');
  const step = shell(familyBody(file));
  step.onOutput('started', () => step.controller.abort(new StepCancelledError()));
  const result = await shellStepKind.execute(step.context);
  const pids = readPids(file);
  leftovers.push(...pids);
  assert.equal(result.summary, 'cancelled');
  assert.equal(result.cancelled, true);
  assert.equal(result.checks[0].passed, false);
  await eventually('every process of the group to die', () => pids.every((pid) => !processAlive(pid)));
  // ps agrees: any of those pids still listed is a zombie nobody reaped, not a process.
  const listed = spawnSync('ps', ['-o', 'pid=,stat=', '-p', pids.join(',')], { encoding: 'utf8' }).stdout.trim();
  for (const line of listed ? listed.split('\n') : []) assert.match(line.trim(), /^\d+\s+Z/, `still running: ${line}`);
});

test('hostile param values arrive as inert data', async () => {
  const marker = `/tmp/pwned-${process.pid}`;
  const values: Record<string, string> = {
    SUBST: `$(touch ${marker})`,
    SEMI: '; rm -rf "$HOME"/nonexistent',
    TICKS: `\`touch ${marker}-bt\``,
    QUOTES: `'"'\\"\\\\ $IFS * ?`,
    DASH: '-n',
    EMPTY: '',
  };
  const names = Object.keys(values);
  // The block's text runs as written: the expanded body (for non-shell kinds) is not used.
  const step = shell(`printf '%s\\0' ${names.map((n) => `"$${n}"`).join(' ')}`, {}, { params: values, expandedBody: 'echo WRONG' });
  const result = await shellStepKind.execute(step.context);
  assert.equal(result.exitCode, 0);
  assert.deepEqual(step.output().split('\0').slice(0, -1), names.map((n) => values[n]));
  assert.equal(existsSync(marker), false);
  assert.equal(existsSync(`${marker}-bt`), false);
});

test('the environment is a small safe base, params and OPSBAR_* — no parent secrets', async () => {
  process.env.OPSBAR_TEST_SECRET = 'hunter2-secret';
  try {
    const step = shell('env', {}, { params: { STACK: 'shop' } });
    await shellStepKind.execute(step.context);
    const env = new Map(step.output().trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    assert.equal(env.has('OPSBAR_TEST_SECRET'), false);
    assert.ok(!step.output().includes('hunter2-secret'));
    assert.equal(env.get('HOME'), home);
    assert.equal(env.get('TERM'), 'dumb');
    assert.equal(env.get('STACK'), 'shop');
    assert.equal(env.get('OPSBAR_RUN_ID'), '1');
    assert.equal(env.get('OPSBAR_RUNBOOK_DIR'), '/nonexistent-runbooks');
    assert.ok(env.get('PATH'));
    const allowed = ['PATH', 'HOME', 'LANG', 'USER', 'LOGNAME', 'TMPDIR', 'TERM', 'DOCKER_HOST', 'DOCKER_CONFIG', 'STACK', 'PWD', 'SHLVL', '_', 'OLDPWD'];
    for (const name of env.keys()) assert.ok(allowed.includes(name) || name.startsWith('OPSBAR_'), `unexpected variable ${name}`);
  } finally {
    delete process.env.OPSBAR_TEST_SECRET;
  }
});

test('a reserved name among the params is refused before anything runs', async () => {
  const marker = join(dir, 'ran');
  const result = await shellStepKind.execute(shell(`touch ${marker}`, {}, { params: { LD_PRELOAD: '/tmp/evil.so' } }).context);
  assert.equal(existsSync(marker), false);
  assert.equal(result.checks[0].passed, false);
  assert.match(result.summary, /^could not start: reserved variable names cannot be params: LD_PRELOAD$/);
});

test('cwd defaults to home; ~ and ~/x expand to it; a missing one is a sentence', async () => {
  const byDefault = shell('pwd');
  await shellStepKind.execute(byDefault.context);
  assert.equal(byDefault.output().trim(), home);
  const sub = shell('pwd', { cwd: '~/sub' });
  await shellStepKind.execute(sub.context);
  assert.equal(sub.output().trim(), join(home, 'sub'));
  const missing = join(dir, 'gone');
  const result = await shellStepKind.execute(shell('pwd', { cwd: missing }).context);
  assert.equal(result.summary, `could not start: working directory ${missing} does not exist`);
  assert.deepEqual(result.checks, [{ label: 'started', expected: 'the script starts', actual: `working directory ${missing} does not exist`, passed: false }]);
});
