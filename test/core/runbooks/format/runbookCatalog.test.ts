import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRunbookCatalog } from '../../../../electron/core/runbooks/format/runbookCatalog';
import { tempDir } from '../../../support/tempDir';
import { CATALOG_DIR, minimalRunbook } from './runbookFixtures';
import { testKinds } from './testStepKinds';

const BUILTIN = join(CATALOG_DIR, 'builtin');
const USER = join(CATALOG_DIR, 'user');
const runbookText = (id: string, title: string, category = 'daily', body?: string) =>
  minimalRunbook(body).replace('id: minimal', `id: ${id}`).replace('title: Minimal', `title: ${title}`).replace('category: daily', `category: ${category}`);

test('the fixture library: valid runbooks sorted by category then title, summaries without steps', () => {
  const warnings: string[] = [];
  const catalog = createRunbookCatalog({ builtinDir: BUILTIN, userDir: USER, kinds: testKinds(), log: { info() {}, warn: (m) => warnings.push(m), error() {} } });
  const view = catalog.view();
  assert.deepEqual(view.directories, { builtin: BUILTIN, user: USER });
  assert.deepEqual(view.runbooks.map((r) => [r.category, r.title, r.origin]), [
    ['daily', 'Apply the daily notes', 'user'],
    ['daily', 'Engine check', 'builtin'],
    ['incident', 'A model server is down', 'builtin'],
  ]);
  const outage = view.runbooks[2];
  assert.equal(outage.file, join(BUILTIN, 'outage.md'));
  assert.equal(outage.needsOperator, true);
  assert.equal(outage.severity, 'critical');
  assert.ok(!('steps' in outage) && !('params' in outage) && !('intro' in outage));
  assert.equal(catalog.get('outage')?.steps.length, 1);
  assert.equal(catalog.get('engine-check')?.origin, 'builtin', 'a user file cannot replace a built-in');
  assert.equal(catalog.get('backup-models'), undefined);
  assert.equal(catalog.get('nope'), undefined);
  assert.equal(warnings.length, 3);
});

test('the fixture library: duplicate ids and missing runbook: targets make files invalid, with the line', () => {
  const { invalid } = createRunbookCatalog({ builtinDir: BUILTIN, userDir: USER, kinds: testKinds() }).view();
  assert.deepEqual(
    invalid.map((entry) => [entry.file, entry.origin, entry.id, entry.problems.map((p) => [p.file, p.line])]),
    [
      [join(USER, 'after-backup.md'), 'user', 'after-backup', [[join(USER, 'after-backup.md'), 9]]],
      [join(USER, 'another-engine-check.md'), 'user', 'engine-check', [[join(USER, 'another-engine-check.md'), 2]]],
      [join(USER, 'backup-models.md'), 'user', 'backup-models', [[join(USER, 'backup-models.md'), 10]]],
    ],
  );
  assert.equal(invalid[0].problems[0].message, 'Attribute "on-failure": there is no valid runbook "backup-models" to suggest.');
  assert.equal(
    invalid[1].problems[0].message,
    `The runbook id "engine-check" is already used by ${join(BUILTIN, 'engine-check.md')}; ids must be unique across the built-in and user folders.`,
  );
  assert.equal(invalid[2].problems[0].message, 'Attribute "on-failure": there is no valid runbook "restore-models" to suggest.');
});

test('a missing or unset user folder is an empty, problem-free list', () => {
  for (const userDir of [join(tempDir(), 'not-there'), null]) {
    const view = createRunbookCatalog({ builtinDir: BUILTIN, userDir, kinds: testKinds() }).view();
    assert.deepEqual(view.invalid, []);
    assert.deepEqual(view.runbooks.map((r) => r.id), ['engine-check', 'outage']);
    assert.equal(view.directories.user, userDir);
  }
});

test('only *.md files directly in the folder count; README.md is skipped in any case; a folder named *.md and a broken link are invalid at line 0', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'one.md'), runbookText('one-runbook', 'One'));
  writeFileSync(join(dir, 'Readme.MD'), 'notes');
  writeFileSync(join(dir, 'two.txt'), runbookText('two-runbook', 'Two'));
  mkdirSync(join(dir, 'nested.md'));
  writeFileSync(join(dir, 'nested.md', 'three.md'), runbookText('three-runbook', 'Three'));
  symlinkSync(join(dir, 'gone'), join(dir, 'broken.md'));
  const view = createRunbookCatalog({ builtinDir: dir, userDir: null, kinds: testKinds() }).view();
  assert.deepEqual(view.runbooks.map((r) => r.id), ['one-runbook']);
  assert.deepEqual(
    view.invalid.map((entry) => [entry.file, entry.problems[0].line, entry.problems[0].message]),
    [
      [join(dir, 'broken.md'), 0, 'broken.md is a link to a file that does not exist; not read. Fix or remove the link.'],
      [join(dir, 'nested.md'), 0, 'nested.md is a folder, not a regular file; not read.'],
    ],
  );
});

test('a file over 256 KiB is refused from its size, at line 0', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'big.md'), Buffer.alloc(300 * 1024, 0x61));
  const { invalid } = createRunbookCatalog({ builtinDir: dir, userDir: null, kinds: testKinds() }).view();
  assert.deepEqual(invalid.map((entry) => [entry.problems[0].line, entry.problems[0].message.slice(0, 26)]), [[0, 'The file is 307200 bytes; ']]);
});

test('a folder that cannot be listed is reported as a problem of the folder', () => {
  const dir = tempDir();
  const notAFolder = join(dir, 'file');
  writeFileSync(notAFolder, 'x');
  const { invalid, runbooks } = createRunbookCatalog({ builtinDir: BUILTIN, userDir: notAFolder, kinds: testKinds() }).view();
  assert.equal(runbooks.length, 2);
  assert.deepEqual(invalid.map((entry) => [entry.file, entry.origin, entry.problems[0].line]), [[notAFolder, 'user', 0]]);
  assert.match(invalid[0].problems[0].message, /^Cannot list the runbook folder/);
});

test('the later of two same-id files is invalid within one folder too (files in name order)', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'b.md'), runbookText('same-id', 'B'));
  writeFileSync(join(dir, 'a.md'), runbookText('same-id', 'A'));
  const view = createRunbookCatalog({ builtinDir: dir, userDir: null, kinds: testKinds() }).view();
  assert.deepEqual(view.runbooks.map((r) => r.title), ['A']);
  assert.equal(view.invalid[0].file, join(dir, 'b.md'));
});

test('refresh() re-reads: new files appear, edited files get a new hash, removed files go', () => {
  const builtin = tempDir();
  const user = tempDir();
  writeFileSync(join(builtin, 'first.md'), runbookText('first-one', 'First', 'backup'));
  const catalog = createRunbookCatalog({ builtinDir: builtin, userDir: user, kinds: testKinds() });
  const firstHash = catalog.get('first-one')?.hash;
  assert.equal(catalog.view().runbooks.length, 1);

  writeFileSync(join(user, 'second.md'), runbookText('second-one', 'Second', 'incident'));
  writeFileSync(join(builtin, 'first.md'), runbookText('first-one', 'First (edited)', 'backup'));
  assert.equal(catalog.view().runbooks.length, 1, 'nothing changes before refresh()');
  catalog.refresh();
  assert.deepEqual(catalog.view().runbooks.map((r) => r.id), ['second-one', 'first-one']);
  assert.notEqual(catalog.get('first-one')?.hash, firstHash);

  rmSync(join(user, 'second.md'));
  catalog.refresh();
  assert.equal(catalog.get('second-one'), undefined);
});

test('a runbook: target becomes valid once the target file is fixed', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.md'), runbookText('points-at-b', 'A', 'daily', '## Go\n\n```run shell on-failure=runbook:target-b\ntrue\n```\n'));
  writeFileSync(join(dir, 'b.md'), runbookText('target-b', 'B', 'daily', '## Broken\n\n```run nope\n```\n'));
  const catalog = createRunbookCatalog({ builtinDir: dir, userDir: null, kinds: testKinds() });
  assert.deepEqual(catalog.view().invalid.map((entry) => entry.id), ['points-at-b', 'target-b']);
  writeFileSync(join(dir, 'b.md'), runbookText('target-b', 'B'));
  catalog.refresh();
  assert.deepEqual(catalog.view().invalid, []);
  assert.equal(catalog.view().runbooks.length, 2);
});
