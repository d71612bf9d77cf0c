import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { scheduleExpressions } from '../../../../electron/core/runbooks/format/cronSchedule';
import { INVALID_DIR, VALID_DIR, minimalRunbook, parseInvalid, parseValid, readFixture } from './runbookFixtures';

test('docker-answers.md: header, intro (without the "#" echo), steps, prose and expected output', () => {
  const bytes = readFixture(VALID_DIR, 'docker-answers.md');
  const runbook = parseValid(bytes, join(VALID_DIR, 'docker-answers.md'));
  assert.equal(runbook.id, 'docker-answers');
  assert.equal(runbook.category, 'daily');
  assert.equal(runbook.severity, null);
  assert.equal(runbook.estimatedMinutes, 1);
  assert.deepEqual(runbook.triggers, ['container.unhealthy']);
  assert.equal(runbook.schedule, null);
  assert.equal(runbook.origin, 'user');
  assert.equal(runbook.hash, createHash('sha256').update(bytes).digest('hex'));
  assert.deepEqual(runbook.params, [{ name: 'STACK', type: 'string', default: '', pattern: '[A-Za-z0-9_.-]*', description: 'Compose project to look at (empty for all)', required: false }]);
  assert.equal(runbook.intro, 'Checks the engine before anything else.');
  assert.equal(runbook.stepCount, 2);
  assert.equal(runbook.executableSteps, 2);
  assert.equal(runbook.needsOperator, false);

  const [engine, list] = runbook.steps;
  assert.deepEqual(
    { index: engine.index, id: engine.id, title: engine.title, line: engine.line, prose: engine.prose, expected: engine.expectedOutput },
    { index: 0, id: 'engine-responds', title: 'Engine responds', line: 20, prose: 'The engine must answer within a few seconds.', expected: '24.0.7' },
  );
  assert.deepEqual(engine.block, {
    kind: 'shell',
    body: "docker version --format '{{.Server.Version}}'",
    attributes: { 'expect-output': '^[0-9]+\\.' },
    timeoutMs: 15_000,
    confirm: null,
    onFailure: { kind: 'stop' },
    onSuccess: { kind: 'next' },
    line: 24,
  });
  assert.equal(list.id, 'list-the-stacks-containers');
  assert.match(list.prose, /^```bash\n# this fence is prose/);
  assert.deepEqual(list.block?.attributes, { 'expect-exit': '0,1', cwd: '~' });
  assert.equal(list.block?.timeoutMs, 60_000);
});

test('disk-cleanup.md: typed params become text, a schedule list, transitions, confirm, needsOperator', () => {
  const runbook = parseValid(readFixture(VALID_DIR, 'disk-cleanup.md'));
  assert.deepEqual(runbook.params.map((p) => [p.name, p.type, p.default, p.values]), [
    ['KEEP_DAYS', 'number', '7', undefined],
    ['DRY_RUN', 'boolean', 'true', undefined],
    ['MODE', 'enum', 'both', ['images', 'logs', 'both']],
  ]);
  assert.deepEqual(scheduleExpressions(runbook.schedule), ['0 3 * * 0', '30 2 1 * *']);
  assert.equal(runbook.severity, 'warning');
  const [, prune, manual, report] = runbook.steps;
  assert.equal(prune.block?.confirm, 'Deletes dangling images');
  assert.equal(prune.block?.timeoutMs, 5 * 60_000);
  assert.deepEqual(prune.block?.onFailure, { kind: 'goto', stepId: 'report' });
  assert.deepEqual(prune.block?.onSuccess, { kind: 'goto', stepId: 'report' });
  assert.equal(prune.prose, '### Why dangling images\n\nLayers left behind by rebuilt images.');
  assert.deepEqual(manual.block?.onFailure, { kind: 'continue' });
  assert.equal(report.block?.kind, 'http');
  assert.equal(runbook.needsOperator, true);
});

test('operator-checklist.md: fences hide headings and run blocks; id=, bare confirm, runbook: suggestion', () => {
  const runbook = parseValid(readFixture(VALID_DIR, 'operator-checklist.md'));
  assert.deepEqual(runbook.steps.map((s) => s.id), ['dashboard', 'read-only-step-without-a-block', 'confirmed-restart']);
  assert.match(runbook.intro, /^~~~~\n## Not a step/);
  assert.equal(runbook.steps[1].block, null);
  assert.match(runbook.steps[1].prose, /```text/);
  assert.equal(runbook.executableSteps, 2);
  const restart = runbook.steps[2].block;
  assert.equal(restart?.confirm, 'Confirmed restart', 'a bare confirm uses the step title');
  assert.equal(restart?.timeoutMs, 250);
  assert.deepEqual(restart?.onFailure, { kind: 'runbook', runbookId: 'docker-answers' });
});

test('a string and a Buffer of the same text parse alike; CRLF line endings and a BOM are accepted', () => {
  const text = minimalRunbook();
  assert.deepEqual(parseValid(text), parseValid(Buffer.from(text)));
  const crlf = parseValid(`\ufeff${text.replace(/\n/g, '\r\n')}`);
  assert.equal(crlf.steps[0].block?.body, 'true');
  assert.equal(crlf.steps[0].line, 7);
});

test('quoted attributes: \\" and \\\\ are escapes, other backslashes stay as written', () => {
  const runbook = parseValid(minimalRunbook('## Check\n\n```run shell expect-output="say \\"hi\\" \\\\ \\d+" cwd=/tmp\necho\n```\n'));
  assert.deepEqual(runbook.steps[0].block?.attributes, { 'expect-output': 'say "hi" \\ \\d+', cwd: '/tmp' });
});

test('a tilde fence and a longer backtick fence work; a shorter closing run does not close', () => {
  const body = '## A\n\n~~~run shell\necho ```\n~~~\n\n## B\n\n````run shell\n```\nstill inside\n````\n';
  const runbook = parseValid(minimalRunbook(body));
  assert.equal(runbook.steps[0].block?.body, 'echo ```');
  assert.equal(runbook.steps[1].block?.body, '```\nstill inside');
});

test('a step id from id= is used for goto, and counts for duplicates', () => {
  const ok = parseValid(minimalRunbook('## First\n\n```run shell on-failure=goto:last\nfalse\n```\n\n## Second\n\n```run shell id=last\ntrue\n```\n'));
  assert.deepEqual(ok.steps.map((s) => s.id), ['first', 'last']);
  const clash = parseInvalid(minimalRunbook('## First\n\n```run shell\ntrue\n```\n\n## Second\n\n```run shell id=first\ntrue\n```\n'));
  assert.deepEqual(clash.problems.map((p) => p.line), [15]);
  assert.match(clash.problems[0].message, /Step id "first" is used twice \(first at line 7\)/);
});

test('a heading without letters needs id=, and an empty heading a title', () => {
  const invalid = parseInvalid(minimalRunbook('## ???\n\ntext\n\n##\n\n```run shell\ntrue\n```\n'));
  assert.deepEqual(invalid.problems.map((p) => p.line), [7, 11]);
  assert.match(invalid.problems[0].message, /^The heading "\?\?\?" gives no step id \(it has no letters or digits\); add id=/);
  assert.match(invalid.problems[1].message, /^A step heading needs a title/);
  assert.ok(parseValid(minimalRunbook('## ???\n\n```run shell id=odd\ntrue\n```\n')));
});

test('front-matter rules between fields: enum needs values, required has no default, pattern compiles, default valid', () => {
  const params = [
    '  - name: MODE\n    type: enum\n    description: m\n',
    '  - name: SIZE\n    type: number\n    default: big\n    description: s\n',
    '  - name: NAME\n    type: string\n    required: true\n    default: x\n    description: n\n',
    '  - name: RE\n    type: string\n    pattern: "(["\n    description: r\n',
    '  - name: lower\n    type: string\n    description: l\n',
    '  - name: OPSBAR_X\n    type: boolean\n    values: [a]\n    description: o\n',
    '  - name: SIZE\n    type: string\n    description: again\n    colour: red\n',
  ];
  const invalid = parseInvalid(minimalRunbook(undefined, `params:\n${params.join('')}`));
  const got = invalid.problems.map((p) => `${p.line} ${p.message}`);
  const expected = [
    /^7 .*param MODE: an enum needs "values"/,
    /^11 .*param SIZE: the default is not valid: SIZE must be a decimal number/,
    /^15 .*param NAME: a required param has no default/,
    /^20 .*param RE: the pattern is not a valid regular expression/,
    /^22 .*param lower: the name must be upper-case/,
    /^25 .*param OPSBAR_X: OPSBAR_X is a reserved environment variable/,
    /^27 .*param OPSBAR_X: "values" is only for enum params, not boolean/,
    /^32 Unknown key in params\[6\] "colour"/,
  ];
  assert.equal(got.length, expected.length, got.join('\n'));
  expected.forEach((pattern, index) => assert.match(got[index], pattern));
});

test('a duplicate param name is reported where it is declared again', () => {
  const invalid = parseInvalid(minimalRunbook(undefined, 'params:\n  - name: A\n    type: string\n    description: a\n  - name: A\n    type: string\n    description: b\n'));
  assert.deepEqual(invalid.problems.map((p) => [p.line, p.message]), [[9, 'Front matter: param A: the name is declared twice (first at line 6).']]);
});

test('a single schedule string, and a bad one at its own line', () => {
  assert.equal(parseValid(minimalRunbook(undefined, 'schedule: "*/5 * * * *"\n')).schedule, '*/5 * * * *');
  const invalid = parseInvalid(minimalRunbook(undefined, 'schedule: "every day"\n'));
  assert.deepEqual(invalid.problems.map((p) => p.line), [5]);
  assert.match(invalid.problems[0].message, /needs 5 or 6 fields/);
});

test('NUL bytes and invalid UTF-8 are reported with their lines, and the rest is still checked', () => {
  const text = Buffer.from(minimalRunbook('## Check\n\nbad \0 byte\n\n```run shell bogus\ntrue\n```\n'));
  const withBadUtf8 = Buffer.concat([text, Buffer.from([0x0a, 0xc3, 0x28, 0x0a])]);
  const invalid = parseInvalid(withBadUtf8);
  assert.deepEqual(invalid.problems.map((p) => [p.line, p.message.slice(0, 30)]), [
    [9, 'Line 9 contains a NUL byte; ru'],
    [11, 'Unknown attribute "bogus" for '],
    [15, 'Line 15 is not valid UTF-8; sa'],
  ]);
});

test('a file over 256 KiB is refused at line 0 without being parsed', () => {
  const invalid = parseInvalid(minimalRunbook('## Check\n\n' + 'x\n'.repeat(140_000)));
  assert.deepEqual(invalid.problems.map((p) => p.line), [0]);
  assert.match(invalid.problems[0].message, /at most 262144 bytes/);
});

test('a front matter over 16 KiB is refused at line 1, and the body is still checked', () => {
  const invalid = parseInvalid(`---\nid: big\nkeys:\n${'  - 1\n'.repeat(3000)}---\n\n## Check\n\n\`\`\`run shell nope=1\ntrue\n\`\`\`\n`);
  assert.deepEqual(invalid.problems.map((p) => p.line), [1, 3008]);
  assert.match(invalid.problems[0].message, /^The front matter is 18013 characters long; the limit is 16384\./);
});

test('a step kind whose validate() throws becomes a problem, not an exception', () => {
  const invalid = parseInvalid(minimalRunbook('## Check\n\n```run broken\nx\n```\n'));
  assert.deepEqual(invalid.problems.map((p) => [p.line, p.message]), [[9, 'run broken: the step kind failed to check this block (kaboom).']]);
});

test('an expected block before the first step and a bare "run" are errors at their fences', () => {
  const invalid = parseInvalid(minimalRunbook('```expected\nx\n```\n\n## Check\n\n```run\ntrue\n```\n'));
  assert.deepEqual(invalid.problems.map((p) => [p.line, p.message.slice(0, 35)]), [
    [7, 'An expected block belongs to a step'],
    [13, '"run" must be followed by a step ki'],
  ]);
});

test('"runner" or "expected-output" info strings are prose, not blocks', () => {
  const runbook = parseValid(minimalRunbook('## Check\n\n```runner\nx\n```\n\n```run shell\ntrue\n```\n'));
  assert.match(runbook.steps[0].prose, /```runner/);
});

test('many problems are capped with a closing note', () => {
  const steps = Array.from({ length: 80 }, (_, i) => `## S${i}\n\n\`\`\`run shell bad${i}=1\ntrue\n\`\`\`\n`).join('\n');
  const invalid = parseInvalid(minimalRunbook(steps));
  assert.equal(invalid.problems.length, 51);
  assert.match(invalid.problems[50].message, /…and 30 more problems/);
});

test('an invalid fixture reports its file path on every problem', () => {
  const file = join(INVALID_DIR, 'unknown-kind.md');
  assert.ok(parseInvalid(readFixture(INVALID_DIR, 'unknown-kind.md'), file).problems.every((p) => p.file === file));
});

test('${NAME} in an http body must name a declared param; shell bodies are not checked (they read the environment)', () => {
  const header = 'params:\n  - name: HOST\n    type: string\n    default: localhost\n    description: h\n';
  const ok = parseValid(minimalRunbook('## Get\n\n```run http\nGET http://example.com/${HOST}\n```\n\n## Shell\n\n```run shell\necho ${ANYTHING}\n```\n', header));
  assert.equal(ok.steps[0].block?.body, 'GET http://example.com/${HOST}');
  const invalid = parseInvalid(minimalRunbook('## Get\n\n```run http\nGET http://example.com/${HOST}/${PORT}/${PORT}\n```\n', header));
  assert.deepEqual(invalid.problems.map((p) => [p.line, p.message]), [[14, 'run http: ${PORT} is not a param of this runbook (declared: HOST).']]);
});
