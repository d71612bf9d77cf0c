import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { INVALID_DIR, parseInvalid, readFixture } from './runbookFixtures';

/** Each fixture in test/fixtures/runbooks/invalid breaks one rule: the problem's line and words. */
const expectations: Record<string, { line: number; message: RegExp }[]> = {
  'unknown-attribute.md': [{ line: 9, message: /^Unknown attribute "expect-exti" for "run shell" \(known: id, timeout, confirm, on-failure, on-success, expect-exit/ }],
  'unterminated-fence.md': [{ line: 9, message: /code block opened on line 9 is never closed: add a line of ```/ }],
  'bad-param.md': [{ line: 9, message: /param PATH: PATH is a reserved environment variable/ }],
  'duplicate-step-ids.md': [{ line: 13, message: /^Step id "check-disk" is used twice \(first at line 7\)/ }],
  'huge-line.md': [{ line: 10, message: /^Line 10 has 5000 characters; the limit is 4096\./ }],
  'bad-cron.md': [{ line: 7, message: /"schedule" "61 \* \* \* \*" is not a valid cron expression: .*minute/ }],
  'goto-missing-step.md': [{ line: 9, message: /"on-failure": there is no step "cleanup" to go to \(steps: check, report\)/ }],
  'unknown-kind.md': [{ line: 9, message: /^Unknown step kind "powershell" \(known: broken, http, manual, shell\)/ }],
  'unknown-front-matter-key.md': [{ line: 5, message: /^Unknown front-matter key "author" \(known: id, title, category/ }],
  'missing-front-matter.md': [{ line: 1, message: /must start with front matter/ }],
  'unclosed-front-matter.md': [{ line: 1, message: /front matter opened on line 1 is never closed/ }],
  'yaml-syntax-error.md': [{ line: 5, message: /^The front matter is not valid YAML: / }],
  'missing-title.md': [
    { line: 1, message: /^Front matter: "title" is required\.$/ },
    { line: 3, message: /^Front matter: "category" must be one of daily, incident, emergency, maintenance, deployment, backup\.$/ },
  ],
  'run-before-first-step.md': [{ line: 9, message: /run block must be inside a step/ }],
  'two-run-blocks.md': [
    { line: 17, message: /at most one run block; this step already has one at line 9/ },
    { line: 21, message: /at most one expected block; this step already has one at line 13/ },
  ],
  'bad-common-attributes.md': [
    { line: 9, message: /^Attribute "timeout": "3h" is longer than the 2h maximum/ },
    { line: 15, message: /^Attribute "on-success": "continue" is not allowed; on-success takes next, stop or goto:<step-id>/ },
    { line: 21, message: /^Attribute "timeout" is given twice/ },
    { line: 27, message: /^Attribute "expect-output": the quoted value is never closed/ },
  ],
  'kind-refuses.md': [{ line: 9, message: /^run shell: expect-output is not a valid regular expression/ }],
  'many-problems.md': [
    { line: 4, message: /"category" must be one of/ },
    { line: 5, message: /"estimatedMinutes" must be at least 1/ },
    { line: 10, message: /Unknown attribute "bogus"/ },
    { line: 16, message: /there is no step "nowhere"/ },
  ],
  'no-steps.md': [{ line: 8, message: /needs at least one step/ }],
};

test('every invalid fixture has an expectation, and every expectation a fixture', () => {
  assert.deepEqual(readdirSync(INVALID_DIR).filter((name) => name.endsWith('.md')).sort(), Object.keys(expectations).sort());
});

for (const [name, expected] of Object.entries(expectations)) {
  test(`invalid fixture ${name}: ${expected.map((e) => `line ${e.line}`).join(', ')}`, () => {
    const file = join(INVALID_DIR, name);
    const invalid = parseInvalid(readFixture(INVALID_DIR, name), file);
    const shown = invalid.problems.map((p) => `${p.line}: ${p.message}`).join('\n');
    assert.equal(invalid.problems.length, expected.length, `problems:\n${shown}`);
    expected.forEach((want, index) => {
      const got = invalid.problems[index];
      assert.equal(got.line, want.line, `problem ${index}: ${got.message}`);
      assert.match(got.message, want.message);
      assert.equal(got.file, file);
    });
    assert.equal(invalid.origin, 'user');
  });
}

test('an invalid file is still named by its id when the id itself is readable', () => {
  assert.equal(parseInvalid(readFixture(INVALID_DIR, 'many-problems.md')).id, 'many-problems');
  assert.equal(parseInvalid(readFixture(INVALID_DIR, 'missing-front-matter.md')).id, null);
  assert.equal(parseInvalid(readFixture(INVALID_DIR, 'yaml-syntax-error.md')).id, null);
});
