import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApiDispatcher, type ApiHandlers } from '../../../electron/core/api/dispatcher';
import { ConfigWriteError, updateConfigFile } from '../../../electron/core/config/configFile';
import { mountTmpfs } from '../../support/tmpfsMount';

const ORIGINAL = '# my notes\nmonitoring:\n  systemIntervalMs: 5000\n';

/** A config.yaml on a real tmpfs that has no byte left. */
function configOnFullDisk(): string {
  const disk = mountTmpfs({ sizeKb: 64 });
  const path = join(disk.dir, 'config.yaml');
  writeFileSync(path, ORIGINAL);
  disk.fill();
  return path;
}

test('on a full disk an update says so plainly, changes nothing and leaves no temp file', () => {
  const path = configOnFullDisk();
  assert.throws(
    () => updateConfigFile(path, { docker: { enabled: false } }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigWriteError, `a ConfigWriteError, not ${String(error)}`);
      assert.equal(error.message, `Could not save settings to ${path}: the disk is full (ENOSPC). Nothing was changed. Free some space and try again.`);
      return true;
    },
  );
  assert.equal(readFileSync(path, 'utf8'), ORIGINAL);
  assert.deepEqual(readdirSync(join(path, '..')).filter((name) => name.endsWith('.tmp')), [], 'no config.yaml.*.tmp is left behind');
});

test('the API answers a failed save as refused with that sentence, not as internal', async () => {
  const path = configOnFullDisk();
  const dispatch = createApiDispatcher({ 'settings.update': (patch) => updateConfigFile(path, patch) } as ApiHandlers);
  const reply = await dispatch('settings.update', { docker: { enabled: false } });
  assert.equal(reply.ok, false);
  assert.deepEqual(reply.ok ? null : reply.error, {
    code: 'refused',
    message: `Could not save settings to ${path}: the disk is full (ENOSPC). Nothing was changed. Free some space and try again.`,
  });
});

test('a read-only file system is named as such (EROFS), also through the API', async () => {
  const disk = mountTmpfs({ sizeKb: 64 });
  const path = join(disk.dir, 'config.yaml');
  writeFileSync(path, ORIGINAL);
  disk.remount('ro');
  const message = `Could not save settings to ${path}: the file system is read-only (EROFS). Nothing was changed. Mount it writable or choose another data dir.`;
  assert.throws(() => updateConfigFile(path, { docker: { enabled: false } }), { message });
  const dispatch = createApiDispatcher({ 'settings.update': (patch) => updateConfigFile(path, patch) } as ApiHandlers);
  assert.deepEqual(await dispatch('settings.update', { docker: { enabled: false } }), { ok: false, error: { code: 'refused', message } });
  assert.equal(readFileSync(path, 'utf8'), ORIGINAL);
});
