import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';
import { aliasBomb, manyMergeKeys, oversizedConfig } from '../core/config/hostileConfigs';

/** `opsbar status --json` (the built CLI) on a data dir whose config.yaml is `text`. */
async function statusWithConfig(text: string) {
  const dataDir = tempDir('opsbar-hostile-cli-');
  writeFileSync(join(dataDir, 'config.yaml'), text);
  const run = await runOpsbar(['status', '--json', '--data-dir', dataDir]);
  // Exit 0–2 is the status itself (ok, warning, critical); 1 used to be "opsbar status failed".
  assert.ok(run.code !== null && run.code <= 2, `exit code ${run.code}; stderr: ${run.stderr}`);
  assert.doesNotMatch(run.stderr, /opsbar status failed/);
  const status = JSON.parse(run.stdout);
  assert.ok(['ok', 'warning', 'critical', 'unknown'].includes(status.overall), 'a status is printed');
  assert.ok(status.system.memory.totalBytes > 0);
  return status as { configProblems: string[] };
}

test('an alias bomb in config.yaml: status still answers, and the problem names the line', async () => {
  const status = await statusWithConfig(aliasBomb());
  assert.equal(status.configProblems.length, 1);
  assert.match(status.configProblems[0], /^Config \(file\): YAML aliases from line 4, column \d+ on cannot be read: .*using defaults/);
});

test('5,000 merge keys in config.yaml: status still answers, and the problem names the lines', async () => {
  const status = await statusWithConfig(manyMergeKeys(5000));
  assert.match(status.configProblems.join('\n'), /more than 100 aliases \(\*name\): the first is at line 6, column \d+/);
});

test('a 12 MB config.yaml is refused unread with its size; status still answers', async () => {
  const status = await statusWithConfig(oversizedConfig(12 * 1024 * 1024));
  assert.equal(status.configProblems.length, 1);
  assert.match(status.configProblems[0], /config\.yaml is 12\.0 MB, over the 1 MiB limit; not read, using defaults/);
});

test('the human output shows the config problem under the status', async () => {
  const dataDir = tempDir('opsbar-hostile-cli-');
  writeFileSync(join(dataDir, 'config.yaml'), aliasBomb());
  const run = await runOpsbar(['status', '--data-dir', dataDir]);
  assert.match(run.stdout, /Opsbar status: (OK|WARNING|CRITICAL|UNKNOWN)/);
  assert.match(run.stdout, /Config \(file\): YAML aliases from line 4/);
});
