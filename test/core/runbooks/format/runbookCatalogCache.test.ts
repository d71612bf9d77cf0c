import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRunbookCatalog } from '../../../../electron/core/runbooks/format/runbookCatalog';
import { eventually } from '../../../support/eventually';
import { tempDir } from '../../../support/tempDir';
import { testKinds } from './testStepKinds';

const text = (id: string, title = id) => `---\nid: ${id}\ntitle: ${title}\ncategory: daily\n---\n\n## Look\n\n\`\`\`run shell\ntrue\n\`\`\`\n`;

function folderOf(count: number, broken: number): string {
  const dir = tempDir();
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `book-${i}.md`), text(`book-${i}`));
  for (let i = 0; i < broken; i++) writeFileSync(join(dir, `broken-${i}.md`), `# not a runbook ${i}\n`);
  return dir;
}

test('runbooks.list answers from the cache: an unchanged folder is not parsed again and warns nothing new', () => {
  const dir = folderOf(50, 3);
  const warnings: string[] = [];
  const catalog = createRunbookCatalog({ builtinDir: dir, userDir: null, kinds: testKinds(), watch: false, log: { info() {}, warn: (m) => warnings.push(m), error() {} } });
  assert.equal(warnings.length, 3);
  const first = catalog.view();
  for (let i = 0; i < 5; i++) catalog.refresh();
  assert.equal(catalog.view(), first, 'the same library object: nothing was rebuilt');
  assert.equal(warnings.length, 3, 'warnings are logged once per change, not per list call');

  // One more broken file: one new warning, not the three old ones again.
  writeFileSync(join(dir, 'broken-new.md'), 'nope\n');
  catalog.refresh();
  assert.notEqual(catalog.view(), first);
  assert.equal(warnings.length, 4);
  assert.match(warnings[3], /broken-new\.md is invalid/);
  // An edited file is seen by the signature check (no watch here), with its new hash.
  const before = catalog.get('book-7')!.hash;
  writeFileSync(join(dir, 'book-7.md'), text('book-7', 'Book seven, edited'));
  catalog.refresh();
  assert.notEqual(catalog.get('book-7')!.hash, before);
  assert.equal(catalog.get('book-7')!.title, 'Book seven, edited');
});

test('the folder watch reloads the catalog after a change without anyone asking', async (t) => {
  const dir = folderOf(2, 0);
  const catalog = createRunbookCatalog({ builtinDir: dir, userDir: null, kinds: testKinds() });
  t.after(() => catalog.close?.());
  writeFileSync(join(dir, 'added.md'), text('added-later'));
  // No refresh() here: only the watch can bring the new file in.
  await eventually('the watched folder to reload', () => catalog.view().runbooks.some((r) => r.id === 'added-later'));
});

test('checkOnDisk re-reads and hashes the file: the cache never vouches for a file edited since', () => {
  const dir = folderOf(1, 0);
  const catalog = createRunbookCatalog({ builtinDir: dir, userDir: null, kinds: testKinds(), watch: false });
  const runbook = catalog.get('book-0')!;
  assert.ok(catalog.checkOnDisk, 'the real catalog checks the disk');
  assert.equal(catalog.checkOnDisk(runbook), null);
  writeFileSync(join(dir, 'book-0.md'), text('book-0', 'Edited behind the cache'));
  assert.match(catalog.checkOnDisk(runbook) ?? '', /changed on disk since it was loaded; reload and check the steps again/);
});
