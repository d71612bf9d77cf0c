import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { eventually } from '../support/eventually';
import { callApi, runOpsbar, serveOpsbar, type ServedOpsbar } from '../support/opsbarProcess';
import { mountTmpfs } from '../support/tmpfsMount';

// Issue 8, item 3: a data directory that is full or read-only from the start must not stop Opsbar.

const historyCheck = async (served: ServedOpsbar): Promise<{ summary: string } | undefined> => {
  const status = await callApi(served, 'status.get');
  assert.equal(status.ok, true);
  return status.value.checks.find((c: { id: string }) => c.id === 'history');
};

const rowsIn = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM samples_raw').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

test('runbook list and status work on a full data dir, and say history is not being saved there', async () => {
  const disk = mountTmpfs();
  disk.fill();
  const list = await runOpsbar(['runbook', 'list', '--json', '--data-dir', disk.dir]);
  assert.equal(list.code, 0, list.stderr);
  assert.ok(JSON.parse(list.stdout).runbooks.length > 0);
  assert.match(list.stderr, /History is not being saved: the disk is full \(.*opsbar\.db/);
  const status = await runOpsbar(['status', '--json', '--data-dir', disk.dir]);
  assert.ok(status.code !== null && status.code <= 2, status.stderr);
  assert.ok(JSON.parse(status.stdout).system);
});

test('runbook list works on a read-only data dir and names the path and the cause', async () => {
  const disk = mountTmpfs({ readOnly: true });
  const list = await runOpsbar(['runbook', 'list', '--json', '--data-dir', disk.dir]);
  assert.equal(list.code, 0, list.stderr);
  assert.ok(JSON.parse(list.stdout).runbooks.length > 0);
  assert.match(list.stderr, new RegExp(`read-only file system \\(${join(disk.dir, 'opsbar.db')}`));
});

test('serve starts on a full data dir, shows why history is not saved, and resumes writing when space returns', async () => {
  const disk = mountTmpfs();
  const filler = disk.fill();
  const served = await serveOpsbar(disk.dir, ['--quiet']);
  try {
    const check = await eventually('the status to say history is not saved', () => historyCheck(served));
    assert.match(check.summary, /^History is not being saved: the disk is full \(/);
    assert.ok(check.summary.includes(join(disk.dir, 'opsbar.db')), check.summary);
    const runbooks = await callApi(served, 'runbooks.list');
    assert.equal(runbooks.ok, true);
    const now = Date.now();
    await eventually('history from memory', async () => {
      const reply = await callApi(served, 'history.query', { series: 'cpu.percent', from: now - 60_000, to: now + 60_000 });
      return reply.value?.points.length >= 1;
    });
    rmSync(filler);
    await eventually('the history line to clear', async () => (await historyCheck(served)) === undefined);
    // What was kept in memory was written to the file.
    assert.ok(rowsIn(join(disk.dir, 'opsbar.db')) >= 1);
  } finally {
    await served.stop();
  }
});

test('serve starts on a read-only data dir and opens the file once it is writable again', async () => {
  const disk = mountTmpfs({ readOnly: true });
  const served = await serveOpsbar(disk.dir, ['--quiet']);
  try {
    const check = await eventually('the status to say history is not saved', () => historyCheck(served));
    assert.match(check.summary, /read-only file system/);
    assert.ok(check.summary.includes(join(disk.dir, 'opsbar.db')), check.summary);
    assert.equal(existsSync(join(disk.dir, 'opsbar.db')), false);
    disk.remount('rw');
    await eventually('the history line to clear', async () => (await historyCheck(served)) === undefined);
    await eventually('samples in the file', () => rowsIn(join(disk.dir, 'opsbar.db')) >= 1);
  } finally {
    await served.stop();
  }
});

test('a settings update on a disk that filled while serving answers refused with a sentence and leaves no temp file', async () => {
  const disk = mountTmpfs({ sizeKb: 16 * 1024 });
  const served = await serveOpsbar(disk.dir, ['--quiet']);
  try {
    disk.fill();
    const reply = await callApi(served, 'settings.update', { docker: { enabled: false } });
    assert.equal(reply.ok, false, JSON.stringify(reply));
    assert.equal(reply.error?.code, 'refused', JSON.stringify(reply));
    assert.match(reply.error?.message ?? '', /^Could not save settings to .*config\.yaml: the disk is full \(ENOSPC\)\. Nothing was changed\./);
    assert.deepEqual(readdirSync(disk.dir).filter((name) => name.endsWith('.tmp')), []);
    assert.equal((await callApi(served, 'settings.get')).value.settings.docker.enabled, true);
  } finally {
    await served.stop();
  }
});
