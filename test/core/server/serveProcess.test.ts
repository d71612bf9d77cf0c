import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { eventually } from '../../support/eventually';
import { callApi, serveOpsbar } from '../../support/opsbarProcess';
import { tempDir } from '../../support/tempDir';

const tempDataDir = () => tempDir('opsbar-serve-');

test('opsbar serve answers with real data, keeps history, and never logs its token', async () => {
  const served = await serveOpsbar(tempDataDir());
  try {
    const status = await callApi(served, 'status.get');
    assert.equal(status.ok, true);
    assert.ok(status.value.system.disks.length > 0);
    const now = Date.now();
    const history = await eventually('CPU history to be saved', async () => {
      const reply = await callApi(served, 'history.query', { series: 'cpu.percent', from: now - 60_000, to: now + 60_000 });
      return reply.value?.points.length >= 1 ? reply.value : undefined;
    });
    assert.equal(history.series, 'cpu.percent');
    const bad = await callApi(served, 'history.query', { series: 'cpu.percent', from: 'yesterday', to: 1 });
    assert.equal(bad.ok, false);
    assert.equal(bad.error?.code, 'bad_request');
    const noToken = await fetch(`${served.origin}/api/call/status.get`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(noToken.status, 401);
  } finally {
    await served.stop();
  }
  assert.ok(!served.stderr().includes(served.token), 'the token is absent from the log');
});

test('SIGKILL during writes loses no acknowledged data and leaves an intact database', async () => {
  const dataDir = tempDataDir();
  writeFileSync(join(dataDir, 'config.yaml'), 'monitoring:\n  systemIntervalMs: 500\n');
  const served = await serveOpsbar(dataDir);
  const from = Date.now() - 1_000;
  const to = from + 10 * 60_000;
  let acknowledged: { t: number }[];
  try {
    acknowledged = await eventually('a few seconds of acknowledged samples', async () => {
      const reply = await callApi(served, 'history.query', { series: 'cpu.percent', from, to, maxPoints: 5_000 });
      return reply.value?.resolution === 'raw' && reply.value.points.length >= 4 ? reply.value.points : undefined;
    });
  } finally {
    served.child.kill('SIGKILL');
    await new Promise((resolve) => served.child.once('exit', resolve));
  }
  const db = new Database(join(dataDir, 'opsbar.db'));
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    db.close();
  }
  const restarted = await serveOpsbar(dataDir);
  try {
    const reply = await callApi(restarted, 'history.query', { series: 'cpu.percent', from, to, maxPoints: 5_000 });
    const times = new Set(reply.value.points.map((p: { t: number }) => p.t));
    for (const point of acknowledged) assert.ok(times.has(point.t), `sample at ${point.t} survived`);
  } finally {
    await restarted.stop();
  }
});
