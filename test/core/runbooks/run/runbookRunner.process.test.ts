/**
 * The runner with the real parser, catalog, shell kind and process runner: real files, real
 * process groups, real output.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { systemClock, type Clock } from '../../../../electron/core/clock';
import { createRunbookCatalog } from '../../../../electron/core/runbooks/format/runbookCatalog';
import { LIVE_OUTPUT_INTERVAL_MS, LIVE_OUTPUT_MAX_BYTES } from '../../../../electron/core/runbooks/run/liveOutputThrottle';
import { RunRefusedError } from '../../../../electron/core/runbooks/run/runControl';
import { createProcessRunner } from '../../../../electron/core/process/spawnProcessRunner';
import { builtInStepKinds } from '../../../../electron/core/runbooks/steps/builtInStepKinds';
import { stepKindRegistry } from '../../../../electron/core/runbooks/steps/registry';
import { MAX_STORED_OUTPUT_BYTES } from '../../../../electron/core/store/runbookRunLog';
import type { RunMode } from '../../../../shared/types/runbooks';
import { eventually } from '../../../support/eventually';
import { tempDir } from '../../../support/tempDir';
import { TestClock } from '../../../support/testClock';
import { processAlive, readPids } from '../steps/support/processProbe';
import { harness, services } from './runbookRunnerHarness';

const kinds = stepKindRegistry(builtInStepKinds);

/** Writes the runbooks into a fresh folder and opens a runner on the real catalog. */
function library(files: Record<string, string>, clock: Clock = systemClock) {
  const dir = tempDir('opsbar-runner-');
  const books = join(dir, 'runbooks');
  mkdirSync(books);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(books, name), text);
  const catalog = createRunbookCatalog({ builtinDir: books, userDir: null, kinds });
  assert.deepEqual(catalog.view().invalid, [], JSON.stringify(catalog.view().invalid));
  const h = harness({ catalog, clock, kinds, services: services(createProcessRunner({ killGraceMs: 500 }), dir), dir });
  const start = (id: string, params: Record<string, string> = {}, mode: RunMode = 'auto') =>
    h.runner.start({ runbookId: id, hash: catalog.get(id)!.hash, params, mode, trigger: 'operator', startedBy: 'operator' });
  return { ...h, catalog, books, start };
}

const front = (id: string, params = '') => `---\nid: ${id}\ntitle: ${id} title\ncategory: daily\n${params}---\n\nIntro.\n`;
const step = (title: string, info: string, body: string) => `\n## ${title}\n\n\`\`\`run shell ${info}\n${body}\n\`\`\`\n`;

test('real shell steps: the run passes, output and env are recorded; a failed check stops it before later steps', async () => {
  const hello = (word: string) => front('say-hello') + step('Say hello', 'expect-output="^hello say-hello$"', `echo "${word} $OPSBAR_STEP_ID"`) + step('Where', '', 'echo "$OPSBAR_DATA_DIR|$OPSBAR_RUNBOOK_DIR|$OPSBAR_RUN_ID"');
  const lib = library({
    'hello.md': hello('hi'),
    'stops.md':
      front('stops') +
      step('Docker answers', 'expect-exit=0', 'echo "Cannot connect to the Docker daemon" >&2; exit 1') +
      step('Marker', '', 'touch "$OPSBAR_DATA_DIR/marker"'),
  });
  const first = await lib.runner.settled(lib.start('say-hello').id);
  assert.equal(first.state, 'failed');
  assert.equal(first.summary, "stopped at step 1 'Say hello': exit code 0, expected output not found");

  // Edited on disk after it was shown: the hash the requester saw is refused.
  writeFileSync(join(lib.books, 'hello.md'), hello('hello'));
  assert.throws(() => lib.start('say-hello'), (e: unknown) => e instanceof RunRefusedError && /say-hello title changed on disk since it was shown/.test(e.message));
  const passed = await lib.runner.settled(lib.start('say-hello').id);
  assert.equal(passed.state, 'succeeded', passed.summary);
  assert.equal(passed.summary, '2 steps passed');
  assert.equal(passed.steps[0]?.output, 'hello say-hello\n');
  assert.equal(passed.steps[1]?.output, `${lib.dir}|${lib.books}|${passed.id}\n`);
  assert.equal(passed.steps[0]?.command, 'echo "hello $OPSBAR_STEP_ID"');
  assert.equal(passed.steps[0]?.exitCode, 0);
  assert.ok(passed.steps[0]!.startedAt! <= passed.steps[0]!.endedAt!);

  const stopped = await lib.runner.settled(lib.start('stops').id);
  assert.equal(stopped.state, 'failed');
  assert.equal(stopped.summary, "stopped at step 1 'Docker answers': exit code 1 (expected 0): Cannot connect to the Docker daemon");
  assert.equal(existsSync(join(lib.dir, 'marker')), false, 'the step after the failure never ran');
  assert.deepEqual(lib.store.getRun(stopped.id)?.steps[0]?.checks.map((c) => [c.label, c.passed]), [['exit code', false]]);
});

test('params reach the shell only as environment variables: a command substitution is printed, never run', async () => {
  const pwned = join(tempDir('opsbar-pwned-'), `pwned-${process.pid}`);
  const lib = library({
    'echo.md': front('echo', 'params:\n  - name: X\n    type: string\n    required: true\n    description: any text\n') + step('Print it', '', 'printf %s "$X"'),
  });
  const value = `$(touch ${pwned})\`touch ${pwned}\`;touch ${pwned}`;
  const done = await lib.runner.settled(lib.start('echo', { X: value }).id);
  assert.equal(done.state, 'succeeded', done.summary);
  assert.equal(done.steps[0]?.output, value);
  assert.equal(done.steps[0]?.command, 'printf %s "$X"');
  assert.equal(existsSync(pwned), false);
  assert.throws(() => lib.start('echo', { X: 'two\nlines' }), (e: unknown) => e instanceof RunRefusedError && /one line/.test(e.message));
});

test('cancel kills the running step’s whole process group and ends the run cancelled', async () => {
  const lib = library({
    'long.md': front('long') + step('Wait a long time', 'timeout=1h', 'sleep 300 & echo $! >> "$OPSBAR_DATA_DIR/pids"; sleep 301 & echo $! >> "$OPSBAR_DATA_DIR/pids"; echo $$ >> "$OPSBAR_DATA_DIR/pids"; wait') + step('Never', '', 'touch "$OPSBAR_DATA_DIR/marker"'),
  });
  const pidFile = join(lib.dir, 'pids');
  const run = lib.start('long');
  await eventually('the step to start its processes', () => readPids(pidFile).length === 3);
  const pids = readPids(pidFile);
  assert.ok(pids.every(processAlive));
  assert.equal(lib.runner.cancel(run.id).state, 'running', 'the run ends once the group is gone');
  const done = await lib.runner.settled(run.id);
  assert.equal(done.state, 'cancelled');
  assert.equal(done.steps[0]?.state, 'cancelled');
  await eventually('every process of the group to end', () => pids.every((pid) => !processAlive(pid)));
  assert.equal(existsSync(join(lib.dir, 'marker')), false);
  const audit = lib.store.listAudit(5).map((e) => `${e.action}:${e.outcome}`);
  assert.deepEqual(audit.slice(0, 4), ['runbook.end:cancelled', 'runbook.step:cancelled', 'runbook.cancel:confirmed', 'runbook.start:confirmed']);
});

test('the hard timeout (on the injected clock) kills the process group; the run stops at that step', async () => {
  const clock = new TestClock(Date.now());
  const lib = library({ 'slow.md': front('slow') + step('Slow', 'timeout=30s', 'echo $$ > "$OPSBAR_DATA_DIR/pid"; echo started; sleep 300') }, clock);
  const run = lib.start('slow');
  await eventually('the step to start', () => readPids(join(lib.dir, 'pid')).length === 1 && lib.runner.get(run.id).state === 'running');
  await clock.advance(30_000);
  const done = await lib.runner.settled(run.id);
  assert.equal(done.state, 'failed');
  assert.match(done.summary, /^stopped at step 1 'Slow': timed out after 30 s/);
  assert.equal(done.steps[0]?.output, 'started\n');
  await eventually('the shell to be killed', () => !processAlive(readPids(join(lib.dir, 'pid'))[0]));
});

test('a step printing 50 MB: a bounded number of live messages, each at most 16 KiB; the record keeps head and tail', async () => {
  const lib = library({ 'loud.md': front('loud') + step('Shout', 'timeout=2m', 'head -c 50000000 /dev/zero | tr "\\0" x; echo; echo THE-END') });
  const began = Date.now();
  const done = await lib.runner.settled(lib.start('loud').id);
  const elapsed = Date.now() - began;
  assert.equal(done.state, 'succeeded', done.summary);
  const chunks = lib.output(done.id);
  assert.ok(chunks.length >= 1);
  assert.ok(chunks.length <= Math.ceil(elapsed / LIVE_OUTPUT_INTERVAL_MS) + 2, `${chunks.length} messages in ${elapsed} ms`);
  for (const chunk of chunks) assert.ok(Buffer.byteLength(chunk.text) <= LIVE_OUTPUT_MAX_BYTES, `${Buffer.byteLength(chunk.text)} bytes`);
  const last = chunks.at(-1)!;
  assert.equal(last.totalBytes, 50_000_009);
  assert.ok(last.text.endsWith('THE-END\n'));
  const sent = chunks.reduce((n, c) => n + Buffer.byteLength(c.text) + c.skipped, 0);
  assert.equal(sent, 50_000_009, 'every byte is either sent or counted as skipped');
  const stored = lib.store.getRun(done.id)!.steps[0]!;
  assert.equal(stored.outputBytes, 50_000_009);
  assert.equal(stored.outputTruncated, true);
  assert.ok(Buffer.byteLength(stored.output) <= MAX_STORED_OUTPUT_BYTES);
  assert.ok(stored.output.endsWith('THE-END\n'));
  assert.ok(lib.runs(done.id).length <= 4, 'run messages go out per state change, not per chunk');
});

test('a run left running by a dead Opsbar is interrupted after a restart and resumes guided from its step', async () => {
  const lib = library({ 'two.md': front('two') + step('First', '', 'echo one') + step('Second', 'timeout=1h', 'echo $$ > "$OPSBAR_DATA_DIR/pid"; sleep 300') + step('Third', '', 'echo three') });
  const run = lib.start('two');
  await eventually('the second step to start', () => readPids(join(lib.dir, 'pid')).length === 1);
  const after = lib.restart();
  const interrupted = after.runner.get(run.id);
  assert.equal(interrupted.state, 'interrupted');
  assert.equal(interrupted.currentStep, 1);
  // The old process would have died with the app; here the first runner still holds it.
  await lib.runner.shutdown();
  writeFileSync(join(lib.dir, 'pid'), '');
  const resumed = after.runner.resume(run.id);
  assert.deepEqual(resumed.wait, { kind: 'next-step' });
  assert.equal(readFileSync(join(lib.dir, 'pid'), 'utf8'), '', 'nothing runs before the operator says so');
  after.runner.command(run.id, 1, 'skip', 'it hung last time');
  after.runner.command(run.id, 2, 'run');
  const done = await after.runner.settled(run.id);
  assert.equal(done.state, 'succeeded');
  assert.equal(done.summary, '2 steps passed, 1 skipped');
  assert.deepEqual(done.attempts.map((a) => a.state), ['passed', 'interrupted', 'skipped', 'passed']);
  assert.ok(after.store.listAudit(20).some((e) => e.action === 'runbook.resume' && e.outcome === 'confirmed'));
});
