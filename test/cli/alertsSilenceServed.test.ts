// The running `opsbar serve` sees a silence that `opsbar silence` (another process) wrote to the
// same history file, and one added through its API is listed by the CLI.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually } from '../support/eventually';
import { callApi, runOpsbar, serveOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

test('a silence written by the CLI is seen by the served app, and the other way round', async (t) => {
  const dataDir = tempDir('opsbar-silence-served-');
  writeFileSync(join(dataDir, 'config.yaml'), ['docker:', '  enabled: false', 'gpu:', '  enabled: false', 'models:', '  enabled: false', ''].join('\n'));
  const served = await serveOpsbar(dataDir);
  t.after(() => served.stop());
  const before = await callApi(served, 'silences.list');
  assert.ok(before.ok, JSON.stringify(before.error));
  assert.deepEqual(before.value, []);

  const added = await runOpsbar(['silence', 'model.down', '--for', '30m', '--reason', 'upgrading ollama', '--data-dir', dataDir]);
  assert.equal(added.code, 0, added.stderr);
  const seen = await eventually('the app to list the CLI silence', async () => {
    const list = (await callApi(served, 'silences.list')).value as { kind: string; subject: string | null; reason: string; createdBy: string }[];
    return list.length > 0 && list;
  });
  assert.deepEqual(seen.map((s) => [s.kind, s.subject, s.reason, s.createdBy]), [['model.down', null, 'upgrading ollama', 'cli']]);

  const viaApi = await callApi(served, 'silences.add', { kind: 'disk.free', subject: 'disk:/', forMs: 3_600_000, reason: 'resize' });
  assert.ok(viaApi.ok, JSON.stringify(viaApi.error));
  const listed = await runOpsbar(['silence', 'list', '--json', '--data-dir', dataDir]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(JSON.parse(listed.stdout).map((s: { kind: string }) => s.kind), ['model.down', 'disk.free']);
});
