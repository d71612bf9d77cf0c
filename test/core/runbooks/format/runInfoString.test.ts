import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isExpectedInfo, isRunInfo, parseRunInfo } from '../../../../electron/core/runbooks/format/runInfoString';
import { parseDuration, parseTransition, slugify } from '../../../../electron/core/runbooks/format/commonAttributes';

test('kind, key=value, quoted values with escapes, bare flags', () => {
  assert.deepEqual(parseRunInfo('run shell timeout=30s expect-output="Server \\"Version\\" \\\\ \\." confirm'), {
    kind: 'shell',
    attributes: [
      { key: 'timeout', value: '30s', flag: false },
      { key: 'expect-output', value: 'Server "Version" \\ \\.', flag: false },
      { key: 'confirm', value: '', flag: true },
    ],
    problems: [],
  });
  assert.deepEqual(parseRunInfo('run\tmanual  \t').attributes, []);
  assert.deepEqual(parseRunInfo('run shell a=""').attributes, [{ key: 'a', value: '', flag: false }]);
});

test('tokenizer problems are sentences, and tokens after them are still read', () => {
  const cases: [string, RegExp][] = [
    ['run', /must be followed by a step kind/],
    ['run timeout=5s', /must be followed by a step kind \(e\.g\. "run shell"\), not "timeout=…"/],
    ['run shell a=', /"a": has no value/],
    ['run shell a="x"y', /text follows the closing quote/],
    ['run shell a="x', /never closed/],
    ['run shell a=b"c', /quotes must surround the whole value/],
    ['run shell Bad=1', /"Bad" is not an attribute name/],
    ['run shell =1', /"" is not an attribute name/],
  ];
  for (const [info, message] of cases) {
    const parsed = parseRunInfo(info);
    assert.equal(parsed.problems.length, 1, `${info}: ${parsed.problems.join(' | ')}`);
    assert.match(parsed.problems[0], message, info);
  }
  assert.deepEqual(parseRunInfo('run shell a=" b=1').attributes, []);
  assert.deepEqual(parseRunInfo('run shell x="1"y z=2').attributes, [{ key: 'z', value: '2', flag: false }]);
});

test('which fences are run and expected blocks', () => {
  assert.ok(isRunInfo('run shell'));
  assert.ok(isRunInfo('run'));
  assert.ok(!isRunInfo('runner'));
  assert.ok(!isRunInfo('bash'));
  assert.ok(isExpectedInfo('expected'));
  assert.ok(!isExpectedInfo('expected-output'));
});

test('durations: units, bounds, format', () => {
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('2h'), 7_200_000);
  assert.match(String(parseDuration('121m')), /2h maximum/);
  assert.match(String(parseDuration('0s')), /more than 0/);
  for (const bad of ['30', '1.5s', '5 m', '1d', '-1s', '']) assert.match(String(parseDuration(bad)), /not a duration/, bad);
});

test('transitions: what on-failure and on-success each accept', () => {
  assert.deepEqual(parseTransition('continue', 'on-failure'), { kind: 'continue' });
  assert.deepEqual(parseTransition('goto:check-disk', 'on-success'), { kind: 'goto', stepId: 'check-disk' });
  assert.deepEqual(parseTransition('runbook:docker-answers', 'on-failure'), { kind: 'runbook', runbookId: 'docker-answers' });
  assert.match(String(parseTransition('runbook:docker-answers', 'on-success')), /on-success takes next, stop or goto/);
  assert.match(String(parseTransition('next', 'on-failure')), /on-failure takes stop, continue/);
  assert.match(String(parseTransition('goto:Bad Id', 'on-failure')), /not a step id/);
  assert.match(String(parseTransition('runbook:x', 'on-failure')), /not a runbook id/);
});

test('slugs: lower-case, accents and apostrophes dropped, runs of other characters become one dash', () => {
  assert.equal(slugify('Check Docker answers'), 'check-docker-answers');
  assert.equal(slugify("  Überprüfe the stack's GPU (nvidia-smi)!  "), 'uberprufe-the-stacks-gpu-nvidia-smi');
  assert.equal(slugify('日本語'), '');
  assert.equal(slugify('a'.repeat(70)).length, 64);
  assert.equal(slugify(`${'a'.repeat(63)} b`), 'a'.repeat(63));
});
