// Against the real process (`opsbar serve`): over HTTP a guarded setting is refused by
// settings.update, applies only through propose → confirm, and the audit row names the dashboard.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { callApi, serveOpsbar } from '../../support/opsbarProcess';
import { tempDir } from '../../support/tempDir';

test('opsbar serve: docker.endpoint needs propose → confirm over HTTP, and the change is audited as the dashboard', async () => {
  const dataDir = tempDir('opsbar-served-settings-');
  const served = await serveOpsbar(dataDir);
  const endpoint = 'unix:///nonexistent/opsbar-test.sock';
  try {
    const refused = await callApi(served, 'settings.update', { docker: { endpoint } });
    assert.equal(refused.error?.code, 'refused');
    assert.match(refused.error?.message ?? '', /docker\.endpoint needs confirmation/);

    const proposed = await callApi(served, 'settings.propose', { patch: { docker: { endpoint } } });
    assert.equal(proposed.ok, true, JSON.stringify(proposed));
    assert.equal((await callApi(served, 'settings.get')).value.settings.docker.endpoint, '');
    const confirmed = await callApi(served, 'settings.confirm', { changeId: proposed.value.changeId });
    assert.equal(confirmed.ok, true, JSON.stringify(confirmed));
    assert.equal(confirmed.value.settings.docker.endpoint, endpoint);
    assert.match(readFileSync(join(dataDir, 'config.yaml'), 'utf8'), /nonexistent\/opsbar-test\.sock/);
  } finally {
    await served.stop();
  }
  const db = new Database(join(dataDir, 'opsbar.db'), { readonly: true });
  try {
    const rows = db.prepare("SELECT actor, action, target, outcome FROM audit WHERE action LIKE 'settings.%' ORDER BY id").all();
    assert.deepEqual(rows, [
      { actor: 'dashboard', action: 'settings.propose', target: 'docker.endpoint', outcome: 'planned' },
      { actor: 'dashboard', action: 'settings.confirm', target: 'docker.endpoint', outcome: 'succeeded' },
    ]);
  } finally {
    db.close();
  }
});
