import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultSettings } from '../../../shared/config/settingsSchema';
import { ConfigWriteError, loadConfigFile, updateConfigFile } from '../../../electron/core/config/configFile';
import { aliasBomb, deepBlockNesting, deepFlowNesting, hugeAnchorCopies, manyMergeKeys, oversizedConfig } from './hostileConfigs';
import { tempDir } from '../../support/tempDir';

const tempConfig = (text: string) => {
  const path = join(tempDir('opsbar-hostile-'), 'config.yaml');
  writeFileSync(path, text);
  return path;
};

test('an alias bomb gives defaults and one problem naming the line of the first alias (it used to throw)', () => {
  const loaded = loadConfigFile(tempConfig(aliasBomb()));
  assert.deepEqual(loaded.settings, defaultSettings());
  assert.equal(loaded.problems.length, 1);
  assert.match(loaded.problems[0].message, /aliases from line 4, column \d+ .*expand to more than \d+ copies.*using defaults/);
});

test('5,000 merge keys give defaults and a problem with the lines, not an exception', () => {
  const loaded = loadConfigFile(tempConfig(manyMergeKeys(5000)));
  assert.deepEqual(loaded.settings, defaultSettings());
  assert.equal(loaded.problems.length, 1);
  assert.match(loaded.problems[0].message, /more than 100 aliases .*first is at line 6, column \d+.*using defaults/);
});

test('a few anchors and aliases, as an operator writes them, still work', () => {
  const loaded = loadConfigFile(tempConfig('monitoring:\n  systemIntervalMs: &often 5000\n  dockerIntervalMs: *often\n'));
  assert.deepEqual(loaded.problems, []);
  assert.equal(loaded.settings.monitoring.systemIntervalMs, 5000);
  assert.equal(loaded.settings.monitoring.dockerIntervalMs, 5000);
});

test('a config over 1 MiB is not parsed: one problem with its size, defaults for all', () => {
  // Broken YAML past the limit: a YAML error in the answer would mean it was parsed.
  const loaded = loadConfigFile(tempConfig(oversizedConfig(2 * 1024 * 1024) + 'monitoring: [broken\n'));
  assert.deepEqual(loaded.settings, defaultSettings());
  assert.equal(loaded.problems.length, 1);
  assert.match(loaded.problems[0].message, /config\.yaml is 2\.0 MB, over the 1 MiB limit; not read, using defaults/);
});

test('deeply nested flow or block collections are refused at their line before the parser recurses', () => {
  const flow = loadConfigFile(tempConfig(deepFlowNesting(100 * 1024)));
  assert.deepEqual(flow.settings, defaultSettings());
  assert.match(flow.problems[0].message, /YAML at line 2, column \d+ nests \[ \] \/ \{ \} more than 64 levels deep/);
  const block = loadConfigFile(tempConfig(deepBlockNesting(1000)));
  assert.deepEqual(block.settings, defaultSettings());
  assert.match(block.problems[0].message, /YAML at line 202, column \d+ is indented more than 200 columns/);
});

test('indented comments, block text and brackets in strings do not count as nesting', () => {
  const text = [
    'monitoring:',
    `${' '.repeat(300)}# a far-indented note`,
    '  systemIntervalMs: 5000',
    'notes: |',
    `  ${' '.repeat(300)}- an indented line of text`,
    `quoted: "${'['.repeat(500)}"`,
    '',
  ].join('\n');
  const loaded = loadConfigFile(tempConfig(text));
  assert.equal(loaded.settings.monitoring.systemIntervalMs, 5000);
  assert.deepEqual(loaded.problems.map((p) => p.path), ['notes', 'quoted'], 'only the unknown sections are problems');
});

test('a huge anchor copied by many aliases is refused with the line of the first alias', () => {
  const loaded = loadConfigFile(tempConfig(hugeAnchorCopies()));
  assert.deepEqual(loaded.settings, defaultSettings());
  assert.match(loaded.problems[0].message, /aliases from line 2, column \d+ on copy [\d.]+ MB of anchored text, over the 1 MiB limit/);
});

test('a settings update never overwrites a config that was refused as too large or hostile', () => {
  for (const text of [oversizedConfig(2 * 1024 * 1024), aliasBomb(), manyMergeKeys(5000)]) {
    const path = tempConfig(text);
    assert.throws(() => updateConfigFile(path, { docker: { enabled: false } }), (error: unknown) => {
      assert.ok(error instanceof ConfigWriteError);
      assert.match(error.message, /Not saving: .*config\.yaml cannot be used .*Fix or remove it first/);
      return true;
    });
    assert.equal(readFileSync(path, 'utf8'), text, 'the operator\'s file is untouched');
  }
});

test('a config.yaml that is a FIFO is not opened (reading it would block start-up)', () => {
  const path = join(tempDir('opsbar-hostile-'), 'config.yaml');
  execFileSync('mkfifo', [path]);
  const loaded = loadConfigFile(path);
  assert.deepEqual(loaded.settings, defaultSettings());
  assert.match(loaded.problems[0].message, /config\.yaml is not a regular file; not read, using defaults/);
  assert.throws(() => updateConfigFile(path, { docker: { enabled: false } }), ConfigWriteError);
});
