import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { refuseLogPath, truncateLogFile } from '../../../../electron/core/actions/disk/containerLogs';
import { tempDir } from '../../../support/tempDir';

/** A stand-in Docker data root with one container's json log, and a file outside it. */
function fixture() {
  const base = tempDir('opsbar-logs-');
  const root = join(base, 'docker');
  const dir = join(root, 'containers', 'abc');
  mkdirSync(dir, { recursive: true });
  const log = join(dir, 'abc-json.log');
  writeFileSync(log, 'x'.repeat(4096));
  const outside = join(base, 'precious.txt');
  writeFileSync(outside, 'keep me');
  return { base, root, dir, log, outside };
}

function factsOf(path: string) {
  const s = statSync(path);
  return { inode: s.ino, device: s.dev };
}

test('a regular log file inside the data root is truncated to 0 bytes', async () => {
  const f = fixture();
  assert.equal(await refuseLogPath(f.log, f.root), null);
  const result = await truncateLogFile(f.log, factsOf(f.log), f.root);
  assert.deepEqual(result, { truncated: true, freedBytes: 4096 });
  assert.equal(statSync(f.log).size, 0);
});

test('a LogPath that is a symbolic link is refused and its target is untouched', async () => {
  const f = fixture();
  const link = join(f.dir, 'link-json.log');
  symlinkSync(f.outside, link);
  const result = await truncateLogFile(link, factsOf(f.outside), f.root);
  assert.equal(result.truncated, false);
  assert.match((result as { reason: string }).reason, /is a symbolic link/);
  assert.equal(statSync(f.outside).size, 'keep me'.length);
});

test('a LogPath outside the data root, or reached through a linked folder, is refused', async () => {
  const f = fixture();
  assert.match((await refuseLogPath(f.outside, f.root)) ?? '', /not inside Docker's data root/);
  assert.match((await refuseLogPath(join(f.root, '..', 'precious.txt'), f.root)) ?? '', /not inside Docker's data root/);
  const linkedDir = join(f.root, 'containers', 'evil');
  symlinkSync(f.base, linkedDir);
  const result = await truncateLogFile(join(linkedDir, 'precious.txt'), factsOf(f.outside), f.root);
  assert.equal(result.truncated, false);
  assert.match((result as { reason: string }).reason, /through a symbolic link/);
  assert.equal(statSync(f.outside).size, 'keep me'.length);
});

test('a log file replaced since the plan (another inode) is not truncated', async () => {
  const f = fixture();
  const planned = factsOf(f.log);
  const replacement = join(f.dir, 'new.log');
  writeFileSync(replacement, 'y'.repeat(100));
  const result = await truncateLogFile(replacement, planned, f.root);
  assert.equal(result.truncated, false);
  assert.match((result as { reason: string }).reason, /another file now/);
  assert.equal(statSync(replacement).size, 100);
});
