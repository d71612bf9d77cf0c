import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { RunDetail, RunbookLibraryView } from '../../shared/types/runbooks';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

/** A data dir whose config adds a folder of the test's own runbooks (and keeps the rest as shipped). */
function dataDirWith(runbooks: Record<string, string>, config = ''): string {
  const dataDir = tempDir('opsbar-rbcli-');
  const folder = join(dataDir, 'my-runbooks');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(runbooks)) writeFileSync(join(folder, name), text);
  writeFileSync(join(dataDir, 'config.yaml'), `runbooks:\n  directory: ${folder}\n${config}`);
  return dataDir;
}

const THREE_STEPS = `---
id: cli-three-steps
title: CLI three steps
category: daily
params:
  - name: WORD
    type: string
    default: hello
    description: Echoed back
---

## Say the word

\`\`\`run shell timeout=10s expect-output="^said: "
printf 'said: %s\\n' "$WORD"
\`\`\`

## Fail on purpose

\`\`\`run shell timeout=10s expect-exit=0
echo "about to fail"; exit 4
\`\`\`

## Never reached

\`\`\`run shell timeout=10s
touch "$OPSBAR_DATA_DIR/step-three-ran"
\`\`\`
`;

const CONFIRMING = `---
id: cli-confirming
title: CLI confirming
category: maintenance
---

## Remove a scratch file

\`\`\`run shell timeout=10s confirm="Deletes scratch.txt in the data directory"
rm -f "$OPSBAR_DATA_DIR/scratch.txt"; echo removed
\`\`\`
`;

describe('opsbar runbook (CLI)', () => {
  const pwned = join(tmpdir(), `opsbar-pwned-${process.pid}`);
  after(() => assert.equal(existsSync(pwned), false, 'a param value was executed by a shell'));

  test('list --json: the shipped library loads with no invalid file, and the user folder joins it', async () => {
    const dataDir = dataDirWith({ 'three.md': THREE_STEPS });
    const { code, stdout } = await runOpsbar(['runbook', 'list', '--json', '--data-dir', dataDir]);
    assert.equal(code, 0);
    const view = JSON.parse(stdout) as RunbookLibraryView;
    assert.deepEqual(view.invalid, []);
    const ids = view.runbooks.map((r) => r.id);
    for (const id of ['daily-health-check', 'cold-start', 'disk-space-emergency', 'gpu-memory-emergency', 'stack-rollback', 'backup-and-verify', 'cli-three-steps']) {
      assert.ok(ids.includes(id), `${id} is listed`);
    }
    assert.equal(view.runbooks.find((r) => r.id === 'cli-three-steps')?.origin, 'user');
  });

  test('show prints the params and exactly what each step runs', async () => {
    const dataDir = dataDirWith({ 'three.md': THREE_STEPS });
    const { code, stdout } = await runOpsbar(['runbook', 'show', 'cli-three-steps', '--data-dir', dataDir]);
    assert.equal(code, 0);
    assert.match(stdout, /WORD: string \(default "hello"\)/);
    assert.match(stdout, /2\. Fail on purpose\n\s+\[shell\] 10 s, expect-exit=0\n\s+echo "about to fail"; exit 4/);
  });

  test('a failed verification stops the run there: exit 1, later steps never run, hostile param values stay data', async () => {
    const dataDir = dataDirWith({ 'three.md': THREE_STEPS });
    const hostile = `$(touch ${pwned}); rm -rf "$HOME/nothing" \`touch ${pwned}\``;
    const { code, stdout } = await runOpsbar(['runbook', 'run', 'cli-three-steps', '--param', `WORD=${hostile}`, '--json', '--data-dir', dataDir]);
    assert.equal(code, 1);
    const run = JSON.parse(stdout) as RunDetail;
    assert.equal(run.state, 'failed');
    assert.equal(run.trigger, 'cli');
    assert.deepEqual(
      run.steps.map((s) => s?.state ?? 'not reached'),
      ['passed', 'failed', 'not reached'],
    );
    assert.equal(run.steps[0]?.output, `said: ${hostile}\n`);
    assert.deepEqual(run.steps[1]?.checks.find((c) => !c.passed), { label: 'exit code', expected: '0', actual: '4', passed: false });
    assert.equal(existsSync(join(dataDir, 'step-three-ran')), false);
  });

  test('the human output follows the steps and says where it stopped', async () => {
    const dataDir = dataDirWith({ 'three.md': THREE_STEPS });
    const { code, stdout } = await runOpsbar(['runbook', 'run', 'cli-three-steps', '--data-dir', dataDir]);
    assert.equal(code, 1);
    assert.match(stdout, /✔ 1\/3 Say the word: passed/);
    assert.match(stdout, /\s+said: hello\n/);
    assert.match(stdout, /✘ 2\/3 Fail on purpose: failed[^\n]*\n\s+exit code: expected 0, got 4/);
    assert.match(stdout, /Run #\d+ failed: stopped at step 2/);
    assert.doesNotMatch(stdout, /Never reached/);
  });

  test('refusals exit 3 before anything runs: unknown runbook, bad param, unknown param', async () => {
    const dataDir = dataDirWith({ 'three.md': THREE_STEPS });
    const unknown = await runOpsbar(['runbook', 'run', 'no-such-runbook', '--data-dir', dataDir]);
    assert.equal(unknown.code, 3);
    assert.match(unknown.stderr, /No runbook "no-such-runbook"/);
    const badNumber = await runOpsbar(['runbook', 'run', 'daily-health-check', '--param', 'MIN_FREE_PERCENT=lots', '--data-dir', dataDir]);
    assert.equal(badNumber.code, 3);
    assert.match(badNumber.stderr, /MIN_FREE_PERCENT/);
    const stray = await runOpsbar(['runbook', 'run', 'cli-three-steps', '--param', 'PATH=/tmp', '--data-dir', dataDir]);
    assert.equal(stray.code, 3);
    const usage = await runOpsbar(['runbook', 'run', 'cli-three-steps', '--param', 'novalue', '--data-dir', dataDir]);
    assert.equal(usage.code, 64);
  });

  test('a destructive step needs --yes without a terminal: exit 2 and nothing deleted; with --yes it runs', async () => {
    const dataDir = dataDirWith({ 'confirm.md': CONFIRMING });
    writeFileSync(join(dataDir, 'scratch.txt'), 'keep me');
    const asked = await runOpsbar(['runbook', 'run', 'cli-confirming', '--json', '--data-dir', dataDir]);
    assert.equal(asked.code, 2);
    assert.equal(JSON.parse(asked.stdout).state, 'interrupted');
    assert.equal(existsSync(join(dataDir, 'scratch.txt')), true);
    const confirmed = await runOpsbar(['runbook', 'run', 'cli-confirming', '--yes', '--json', '--data-dir', dataDir]);
    assert.equal(confirmed.code, 0, confirmed.stdout + confirmed.stderr);
    assert.equal(existsSync(join(dataDir, 'scratch.txt')), false);
  });

  test('an invalid file in the user folder is listed with file and line, and refused by run', async () => {
    const dataDir = dataDirWith({ 'broken.md': THREE_STEPS.replace('id: cli-three-steps', 'id: cli-broken').replace('timeout=10s expect-exit=0', 'timeout=10s bogus=1') });
    const list = await runOpsbar(['runbook', 'list', '--data-dir', dataDir]);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /broken\.md \(cli-broken\)\n\s+line 20: Unknown attribute "bogus"/);
    const run = await runOpsbar(['runbook', 'run', 'cli-broken', '--data-dir', dataDir]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /invalid and will not run/);
  });
});
