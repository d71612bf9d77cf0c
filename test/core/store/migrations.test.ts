import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { migrate, SCHEMA_VERSION, schemaVersionOf } from '../../../electron/core/store/migrations';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { StoreVersionError } from '../../../electron/core/store/storeErrors';
import { tempDir } from '../../support/tempDir';
import { NOW } from './fixtures/storeFixtures';

const now = () => NOW;

test('an empty file gets the whole schema, and the durability settings are on', () => {
  const file = join(tempDir(), 'nested', 'data', 'opsbar.db');
  const { db, notice } = openDatabase(file, { now });
  assert.equal(notice.kind, 'created');
  assert.equal(schemaVersionOf(db), SCHEMA_VERSION);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  for (const name of ['audit', 'events', 'rollup_1h', 'rollup_1m', 'samples_raw', 'series']) assert.ok(tables.includes(name), name);
  const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all() as { name: string }[]).map((r) => r.name);
  assert.ok(indexes.includes('events_at') && indexes.includes('events_subject'));
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2); // FULL
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.ok((db.pragma('busy_timeout', { simple: true }) as number) >= 1000);
  db.close();
});

test('reopening keeps the data and runs no migration again', () => {
  const file = join(tempDir(), 'opsbar.db');
  const first = openDatabase(file, { now });
  first.db.prepare("INSERT INTO series(name) VALUES ('cpu.percent')").run();
  first.db.close();
  const second = openDatabase(file, { now });
  assert.equal(second.notice.kind, 'opened');
  assert.deepEqual(migrate(second.db, file), { from: SCHEMA_VERSION, to: SCHEMA_VERSION });
  assert.equal((second.db.prepare('SELECT count(*) AS n FROM series').get() as { n: number }).n, 1);
  second.db.close();
});

test('a database from a newer Opsbar is refused with a clear error and left in place', () => {
  const dir = tempDir();
  const file = join(dir, 'opsbar.db');
  openDatabase(file, { now }).db.close();
  const raw = new Database(file);
  raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
  raw.close();
  assert.throws(
    () => openDatabase(file, { now }),
    (error: unknown) =>
      error instanceof StoreVersionError && error.found === SCHEMA_VERSION + 5 && /newer version of Opsbar/.test(error.message),
  );
  assert.ok(existsSync(file));
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('corrupt')), []);
});
