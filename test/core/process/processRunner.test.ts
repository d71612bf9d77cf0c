// The process runner with real processes: output of both streams, exit codes, a missing
// working directory, and aborts that must leave no process of the group alive.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createProcessRunner } from '../../../electron/core/process/spawnProcessRunner';
import type { ProcessRunResult } from '../../../electron/core/process/processRunner';
import { StepCancelledError, StepTimeoutError } from '../../../electron/core/runbooks/run/stepAbort';
import { eventually } from '../../support/eventually';
import { tempDir } from '../../support/tempDir';
import { killAll, processAlive, readPids } from '../runbooks/steps/support/processProbe';

const dir = tempDir('opsbar-process-');
const leftovers: number[] = [];
after(() => killAll(leftovers));

const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

/** Runs a script, collecting its output; `onText` sees the text so far after each chunk. */
async function runScript(
  script: string,
  options: { env?: Record<string, string>; cwd?: string; signal?: AbortSignal; onText?: (text: string) => void; killGraceMs?: number; closeWaitMs?: number } = {},
): Promise<{ result: ProcessRunResult; output: string; bytes: number; ms: number }> {
  const runner = createProcessRunner({ killGraceMs: options.killGraceMs ?? 500, closeWaitMs: options.closeWaitMs });
  let output = '';
  let bytes = 0;
  const started = Date.now();
  const result = await runner.run({
    script,
    cwd: options.cwd ?? dir,
    env: { ...baseEnv, ...options.env },
    signal: options.signal ?? new AbortController().signal,
    onOutput(chunk) {
      bytes += chunk.length;
      if (output.length < 100_000) output += chunk.toString('utf8');
      options.onText?.(output);
    },
  });
  return { result, output, bytes, ms: Date.now() - started };
}

test('stdout and stderr both reach onOutput, and the exit code comes back', async () => {
  const { result, output } = await runScript('echo to-out; echo to-err >&2; exit 7');
  assert.deepEqual(result, { exitCode: 7, signal: null, killed: false, spawnError: null });
  assert.match(output, /to-out/);
  assert.match(output, /to-err/);
});

test('it resolves only after all output arrived', async () => {
  const { result, bytes } = await runScript('head -c 5000000 /dev/zero; echo tail >&2');
  assert.equal(result.exitCode, 0);
  assert.equal(bytes, 5_000_000 + 'tail\n'.length);
});

test('stdin is closed: a script reading it gets end of file at once', async () => {
  const { result, output } = await runScript('if read line; then echo "read: $line"; else echo "no input"; fi');
  assert.equal(result.exitCode, 0);
  assert.equal(output.trim(), 'no input');
});

test('the script runs in the working directory with exactly the given environment', async () => {
  const { output } = await runScript('pwd; echo "v=$ONLY_THIS"; env | wc -l', { env: { ONLY_THIS: 'yes' } });
  const [pwd, value, count] = output.trim().split('\n');
  assert.equal(pwd, dir);
  assert.equal(value, 'v=yes');
  // PATH, ONLY_THIS, and what sh itself exports (PWD, SHLVL, _ …): nothing of the parent's.
  assert.ok(Number(count) < 8, `env had ${count} lines`);
});

test('a missing working directory is a sentence, not an exception', async () => {
  const missing = join(dir, 'nope');
  const { result } = await runScript('echo hi', { cwd: missing });
  assert.equal(result.exitCode, null);
  assert.equal(result.killed, false);
  assert.equal(result.spawnError, `working directory ${missing} does not exist`);
});

test('a NUL byte in the environment is a spawn error, not a throw', async () => {
  const { result } = await runScript('echo hi', { env: { BAD: 'a\u0000b' } });
  assert.match(result.spawnError ?? '', /NUL byte/);
});

test('an already aborted signal starts nothing', async () => {
  const controller = new AbortController();
  controller.abort(new StepCancelledError());
  const marker = join(dir, 'should-not-exist');
  const { result } = await runScript(`touch ${marker}`, { signal: controller.signal });
  assert.equal(result.killed, true);
  assert.equal(existsSync(marker), false);
});

test('a failing onOutput does not stop the process being drained', async () => {
  const runner = createProcessRunner();
  const result = await runner.run({
    script: 'head -c 1000000 /dev/zero; exit 3',
    cwd: dir,
    env: baseEnv,
    signal: new AbortController().signal,
    onOutput() {
      throw new Error('sink broke');
    },
  });
  assert.equal(result.exitCode, 3);
});

/** Children, a grandchild and the shell itself, all writing their pid to `file`. */
function familyScript(file: string): string {
  return `
    sleep 300 & echo $! >> "${file}"
    sh -c 'sleep 300 & echo $! >> "${file}"; sleep 300 & echo $! >> "${file}"; wait' & echo $! >> "${file}"
    echo $$ >> "${file}"
    echo started
    wait
  `;
}

async function abortFamily(reason: Error, label: string): Promise<void> {
  const file = join(dir, `${label}.pids`);
  const controller = new AbortController();
  const run = runScript(familyScript(file), {
    signal: controller.signal,
    onText(text) {
      if (text.includes('started') && !controller.signal.aborted) {
        // All five pids are written just after "started" may show: wait for them, then abort.
        void eventually('the pids', () => readPids(file).length >= 5).then(() => controller.abort(reason));
      }
    },
  });
  const { result } = await run;
  const pids = readPids(file);
  leftovers.push(...pids);
  assert.equal(pids.length, 5, `pids: ${pids.join(' ')}`);
  assert.equal(result.killed, true);
  assert.equal(result.spawnError, null);
  assert.equal(result.signal, 'SIGTERM');
  await eventually(`the group ${pids.join(' ')} to die`, () => pids.every((pid) => !processAlive(pid)));
}

test('a timeout kills the whole process group, grandchildren included', async () => {
  await abortFamily(new StepTimeoutError(1_000), 'timeout');
});

test('a cancel mid-run kills the whole process group', async () => {
  await abortFamily(new StepCancelledError(), 'cancel');
});

test('a group that ignores SIGTERM gets SIGKILL after the grace period', async () => {
  const file = join(dir, 'stubborn.pids');
  const controller = new AbortController();
  const { result, ms } = await runScript(
    `trap '' TERM; sh -c 'trap "" TERM; echo $$ >> "${file}"; while :; do sleep 1; done' & echo $$ >> "${file}"; echo ready; wait`,
    {
      signal: controller.signal,
      killGraceMs: 300,
      onText(text) {
        if (text.includes('ready') && !controller.signal.aborted) {
          void eventually('the pids', () => readPids(file).length >= 2).then(() => controller.abort(new StepCancelledError()));
        }
      },
    },
  );
  const pids = readPids(file);
  leftovers.push(...pids);
  assert.equal(result.killed, true);
  assert.equal(result.signal, 'SIGKILL');
  assert.ok(ms >= 300, `resolved after ${ms} ms, before the grace period`);
  await eventually('the stubborn group to die', () => pids.every((pid) => !processAlive(pid)));
});

test('a grandchild that left the group and holds the pipe does not hang the runner', async () => {
  const file = join(dir, 'escapee.pids');
  const controller = new AbortController();
  const { result } = await runScript(
    `setsid sh -c 'echo $$ >> "${file}"; exec sleep 300' & echo ready; wait`,
    {
      signal: controller.signal,
      killGraceMs: 200,
      closeWaitMs: 300,
      onText(text) {
        if (text.includes('ready') && !controller.signal.aborted) {
          void eventually('the escapee pid', () => readPids(file).length >= 1).then(() => controller.abort(new StepTimeoutError(100)));
        }
      },
    },
  );
  const escapee = readPids(file);
  leftovers.push(...escapee);
  assert.equal(result.killed, true);
  // The escapee holds the pipe until it dies: resolving while it lives is resolving without waiting for the pipe.
  assert.equal(escapee.length, 1);
  assert.ok(processAlive(escapee[0]), 'the runner waited for the escapee to let go of the pipe');
  killAll(escapee);
});
