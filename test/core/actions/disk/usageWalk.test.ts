import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkUsage } from '../../../../electron/core/actions/disk/usageWalk';
import { tempDir } from '../../../support/tempDir';

const roomy = { deadline: Number.MAX_SAFE_INTEGER, maxEntries: 1_000_000, now: () => 0 };

function file(path: string, bytes: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.alloc(bytes));
}

/** big/ 3000 (a/ 2000 + b/ 1000), small/ 100, a link to big/ and a top-level file 50. */
function tree(): string {
  const root = tempDir('opsbar-walk-');
  file(join(root, 'big', 'a', 'one.bin'), 1500);
  file(join(root, 'big', 'a', 'deep', 'two.bin'), 500);
  file(join(root, 'big', 'b', 'three.bin'), 1000);
  file(join(root, 'small', 'four.bin'), 100);
  file(join(root, 'top.bin'), 50);
  symlinkSync(join(root, 'big'), join(root, 'link-to-big'));
  return root;
}

test('the walk sizes folders one and two levels down, largest first, without following links', async () => {
  const root = tree();
  const walk = await walkUsage(root, roomy);
  assert.equal(walk.truncated, false);
  assert.equal(walk.problem, null);
  assert.equal(walk.totalBytes, 3150);
  assert.equal(walk.files, 5);
  assert.deepEqual(
    walk.entries.map((e) => [e.path.slice(root.length + 1), e.bytes, e.files]),
    [
      ['big', 3000, 3],
      ['big/a', 2000, 2],
      ['big/b', 1000, 1],
      ['small', 100, 1],
    ],
  );
});

test('an entry budget that runs out marks the walk truncated (sizes are lower bounds)', async () => {
  const root = tree();
  const walk = await walkUsage(root, { ...roomy, maxEntries: 3 });
  assert.equal(walk.truncated, true);
  assert.ok(walk.totalBytes < 3150);
});

test('a time budget already spent stops the walk before it reads anything', async () => {
  const root = tree();
  const walk = await walkUsage(root, { deadline: 10, maxEntries: 1_000_000, now: () => 11 });
  assert.equal(walk.truncated, true);
  assert.equal(walk.totalBytes, 0);
});

test('a root that is not there is a problem in words, not a throw', async () => {
  const walk = await walkUsage(join(tempDir(), 'missing'), roomy);
  assert.match(walk.problem ?? '', /could not be read \(ENOENT\)/);
  assert.deepEqual(walk.entries, []);
});
