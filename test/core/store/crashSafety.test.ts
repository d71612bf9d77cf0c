import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { OpsbarStore } from '../../../electron/core/store/opsbarStore';
import { tempDir } from '../../support/tempDir';
import { CRASH_SERIES, CRASH_T0 } from './fixtures/crashWriter';

const ACKS_BEFORE_KILL = 300;

/** Runs the writer, SIGKILLs it after enough acknowledgements, and returns the last tick it acknowledged. */
async function runAndKill(file: string): Promise<number> {
  const env = { ...process.env, NODE_OPTIONS: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'crashWriter.ts'), file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let acks = 0;
  let lastTick = 0;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const match = /^ack (\d+)$/.exec(line);
    if (!match) return;
    lastTick = Math.max(lastTick, Number(match[1]));
    if (++acks === ACKS_BEFORE_KILL) child.kill('SIGKILL');
  });
  // 'close' comes after stdout is drained: acks printed just before the kill are counted too.
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  assert.equal(signal, 'SIGKILL', `writer ended on its own (code ${code}): ${stderr}`);
  return lastTick;
}

test('every acknowledged sample and event survives a SIGKILL, and the file is intact', { timeout: 120_000 }, async () => {
  const file = join(tempDir(), 'opsbar.db');
  const acked = await runAndKill(file);
  assert.ok(acked >= ACKS_BEFORE_KILL, `acked ${acked} ticks`);

  const raw = new Database(file);
  try {
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    const count = (sql: string, ...params: unknown[]) => (raw.prepare(sql).get(...params) as { n: number }).n;
    const lastAckedTs = CRASH_T0 + acked * 1000;
    assert.equal(count('SELECT count(*) AS n FROM samples_raw WHERE ts <= ?', lastAckedTs), acked * CRASH_SERIES);
    assert.equal(count("SELECT count(*) AS n FROM samples_raw r JOIN series s ON s.id = r.series_id WHERE ts <= ? AND value = (ts - ?) / 1000 + CAST(substr(s.name, 8) AS REAL) / 100", lastAckedTs, CRASH_T0), acked * CRASH_SERIES);
    assert.equal(count("SELECT count(*) AS n FROM events WHERE kind = 'crash.tick' AND at <= ?", lastAckedTs), acked);
    // Raw rows and their rollups commit together: no flush is half-applied.
    assert.equal(count('SELECT sum(count) AS n FROM rollup_1m'), count('SELECT count(*) AS n FROM samples_raw'));
    assert.equal(count('SELECT sum(count) AS n FROM rollup_1h'), count('SELECT count(*) AS n FROM samples_raw'));
  } finally {
    raw.close();
  }

  const { store, notice } = OpsbarStore.open(file);
  assert.equal(notice.kind, 'opened');
  assert.equal(store.listEvents({ limit: 1 })[0].kind, 'crash.tick');
  store.close();
});
