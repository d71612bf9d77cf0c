import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultSettings } from '../../../shared/config/settingsSchema';
import { loadConfigFile, updateConfigFile } from '../../../electron/core/config/configFile';
import { tempDir } from '../../support/tempDir';

const tempConfig = (text?: string) => {
  const path = join(tempDir('opsbar-config-'), 'config.yaml');
  if (text !== undefined) writeFileSync(path, text);
  return path;
};

test('the runbooks section has its defaults: no folder, scheduling on, Sunday 02:00 for 3 h', () => {
  assert.deepEqual(defaultSettings().runbooks, {
    directory: '',
    scheduling: true,
    schedules: [],
    disabled: [],
    catchUpMinutes: 120,
    maintenanceWindow: { cron: '0 2 * * 0', minutes: 180, silenceNonCritical: true },
  });
});

test('runbooks settings load; parameter values given as YAML numbers read as text; a partial window keeps its defaults', () => {
  const loaded = loadConfigFile(
    tempConfig(
      [
        'runbooks:',
        '  directory: ~/runbooks',
        '  schedules:',
        '    - runbook: prune-images',
        "      cron: '30 3 * * *'",
        '      params: { KEEP: 3, DRY_RUN: true }',
        '  disabled: [daily-health-check]',
        '  maintenanceWindow:',
        '    minutes: 60',
        '',
      ].join('\n'),
    ),
  );
  assert.deepEqual(loaded.problems, []);
  const runbooks = loaded.settings.runbooks;
  assert.equal(runbooks.directory, '~/runbooks');
  assert.deepEqual(runbooks.schedules, [{ runbook: 'prune-images', cron: '30 3 * * *', params: { KEEP: '3', DRY_RUN: 'true' } }]);
  assert.deepEqual(runbooks.disabled, ['daily-health-check']);
  assert.deepEqual(runbooks.maintenanceWindow, { cron: '0 2 * * 0', minutes: 60, silenceNonCritical: true });
});

test('a cron of the wrong shape is a problem that names the field; the section falls back to defaults', () => {
  const loaded = loadConfigFile(tempConfig("runbooks:\n  schedules:\n    - runbook: prune-images\n      cron: '0 8 * *'\n"));
  assert.equal(loaded.problems.length, 1);
  assert.equal(loaded.problems[0].path, 'runbooks.schedules.0.cron');
  assert.match(loaded.problems[0].message, /5 fields/);
  assert.deepEqual(loaded.settings.runbooks, defaultSettings().runbooks);
});

test('nicknames such as @daily pass the shape check (node-cron reads them)', () => {
  const loaded = loadConfigFile(tempConfig("runbooks:\n  maintenanceWindow:\n    cron: '@weekly'\n"));
  assert.deepEqual(loaded.problems, []);
  assert.equal(loaded.settings.runbooks.maintenanceWindow.cron, '@weekly');
});

test('saving one runbooks field leaves the operator\'s other runbooks fields alone', () => {
  const path = tempConfig("runbooks:\n  catchUpMinutes: 30\n  schedules:\n    - runbook: prune-images\n      cron: '0 3 * * *'\n");
  const next = updateConfigFile(path, { runbooks: { scheduling: false } });
  assert.equal(next.settings.runbooks.scheduling, false);
  assert.equal(next.settings.runbooks.catchUpMinutes, 30);
  assert.equal(next.settings.runbooks.schedules.length, 1);
  const text = readFileSync(path, 'utf8');
  assert.match(text, /catchUpMinutes: 30/);
  assert.doesNotMatch(text, /disabled/);
});
