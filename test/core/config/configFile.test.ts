import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultSettings } from '../../../shared/config/settingsSchema';
import { ConfigWriteError, loadConfigFile, updateConfigFile } from '../../../electron/core/config/configFile';
import { tempDir } from '../../support/tempDir';

const tempConfig = (text?: string) => {
  const path = join(tempDir('opsbar-config-'), 'config.yaml');
  if (text !== undefined) writeFileSync(path, text);
  return path;
};

test('a missing file gives defaults and no problems', () => {
  const loaded = loadConfigFile(tempConfig());
  assert.deepEqual(loaded.settings, defaultSettings());
  assert.deepEqual(loaded.problems, []);
});

test('valid fields apply; every field is optional', () => {
  const loaded = loadConfigFile(tempConfig('monitoring:\n  systemIntervalMs: 5000\nthresholds:\n  diskFreePercentWarning: 20\n'));
  assert.equal(loaded.settings.monitoring.systemIntervalMs, 5000);
  assert.equal(loaded.settings.monitoring.dockerIntervalMs, defaultSettings().monitoring.dockerIntervalMs);
  assert.equal(loaded.settings.thresholds.diskFreePercentWarning, 20);
  assert.deepEqual(loaded.problems, []);
});

test('a bad field names itself; its section falls back to defaults, other sections still apply', () => {
  const loaded = loadConfigFile(tempConfig('monitoring:\n  systemIntervalMs: "fast"\nthresholds:\n  memoryPercentWarning: 80\n'));
  assert.equal(loaded.settings.monitoring.systemIntervalMs, 2000);
  assert.equal(loaded.settings.thresholds.memoryPercentWarning, 80);
  assert.equal(loaded.problems.length, 1);
  assert.equal(loaded.problems[0].path, 'monitoring.systemIntervalMs');
  assert.match(loaded.problems[0].message, /monitoring" section uses its defaults/);
});

test('unknown keys and sections are reported, not silently accepted', () => {
  const loaded = loadConfigFile(tempConfig('monitoring:\n  systemIntervalMS: 100\ngpus: {}\n'));
  const paths = loaded.problems.map((p) => p.path).sort();
  assert.deepEqual(paths, ['gpus', 'monitoring']);
  assert.match(loaded.problems.find((p) => p.path === 'monitoring')!.message, /systemIntervalMS/);
});

test('broken YAML gives defaults and a problem with its line', () => {
  const loaded = loadConfigFile(tempConfig('monitoring:\n  systemIntervalMs: [1,\n'));
  assert.deepEqual(loaded.settings, defaultSettings());
  assert.match(loaded.problems[0].message, /YAML error at line \d+/);
});

test('update keeps comments and other fields, and validates', () => {
  const path = tempConfig('# my notes\nmonitoring:\n  # keep me\n  systemIntervalMs: 5000\n');
  const next = updateConfigFile(path, { thresholds: { diskFreePercentCritical: 3 } });
  assert.equal(next.settings.thresholds.diskFreePercentCritical, 3);
  const text = readFileSync(path, 'utf8');
  assert.match(text, /# my notes/);
  assert.match(text, /# keep me/);
  assert.match(text, /systemIntervalMs: 5000/);
  assert.throws(() => updateConfigFile(path, { monitoring: { systemIntervalMs: 1 } }));
  assert.match(readFileSync(path, 'utf8'), /systemIntervalMs: 5000/, 'a refused update changes nothing');
});

test('update never overwrites a file that does not parse', () => {
  const original = 'monitoring: [broken\n';
  const path = tempConfig(original);
  assert.throws(() => updateConfigFile(path, { docker: { enabled: false } }), ConfigWriteError);
  assert.equal(readFileSync(path, 'utf8'), original);
});

test('saving one field of a section keeps the operator\'s other fields in it (no defaults written over them)', () => {
  const path = tempConfig('monitoring:\n  dockerIntervalMs: 60000\n');
  const next = updateConfigFile(path, { monitoring: { systemIntervalMs: 5000 } });
  assert.equal(next.settings.monitoring.dockerIntervalMs, 60000);
  assert.equal(next.settings.monitoring.systemIntervalMs, 5000);
  assert.match(readFileSync(path, 'utf8'), /dockerIntervalMs: 60000/);
  assert.doesNotMatch(readFileSync(path, 'utf8'), /dockerStatsConcurrency/);
});
