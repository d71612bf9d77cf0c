import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { tempDir } from '../../support/tempDir';
import { NOW } from './fixtures/storeFixtures';

const now = () => NOW;
const STAMP = new Date(NOW).toISOString().replace(/[:.]/g, '-');

test('a file of garbage is moved aside with its -wal and -shm, and a fresh database is created', () => {
  const file = join(tempDir(), 'opsbar.db');
  const garbage = Buffer.from('this is not an SQLite database, just some bytes '.repeat(200));
  writeFileSync(file, garbage);
  writeFileSync(`${file}-wal`, 'stale wal');
  writeFileSync(`${file}-shm`, 'stale shm');

  const { db, notice } = openDatabase(file, { now });
  assert.equal(notice.kind, 'corrupt-moved-aside');
  assert.equal(notice.movedTo, `${file}.corrupt-${STAMP}`);
  assert.match(notice.message, /moved to .*corrupt-.* new, empty history/);
  assert.deepEqual(readFileSync(notice.movedTo!), garbage);
  assert.equal(readFileSync(`${notice.movedTo}-wal`, 'utf8'), 'stale wal');
  assert.equal(readFileSync(`${notice.movedTo}-shm`, 'utf8'), 'stale shm');
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.prepare("INSERT INTO series(name) VALUES ('cpu')").run();
  db.close();
});

test('a truncated real database is moved aside; opening again does not move anything more', () => {
  const file = join(tempDir(), 'opsbar.db');
  const seed = openDatabase(file, { now }).db;
  const insert = seed.prepare('INSERT INTO events(at, source, kind, severity, subject, message) VALUES (?, ?, ?, ?, ?, ?)');
  seed.transaction(() => {
    for (let i = 0; i < 5000; i++) insert.run(NOW + i, 'opsbar', 'test', 'info', `subject ${i}`, 'x'.repeat(100));
  })();
  seed.close(); // checkpoints the WAL into the main file
  truncateSync(file, Math.floor(statSync(file).size / 2));

  const first = openDatabase(file, { now });
  assert.equal(first.notice.kind, 'corrupt-moved-aside');
  assert.ok(existsSync(first.notice.movedTo!));
  first.db.close();

  const second = openDatabase(file, { now });
  assert.equal(second.notice.kind, 'opened');
  second.db.close();
});

test('a second corrupt file in the same millisecond gets its own name', () => {
  const file = join(tempDir(), 'opsbar.db');
  writeFileSync(file, 'garbage one'.repeat(100));
  const one = openDatabase(file, { now });
  one.db.close();
  writeFileSync(file, 'garbage two'.repeat(100));
  const two = openDatabase(file, { now });
  two.db.close();
  assert.notEqual(one.notice.movedTo, two.notice.movedTo);
  assert.match(readFileSync(two.notice.movedTo!, 'utf8'), /garbage two/);
});

test('an empty file is treated as a new database', () => {
  const file = join(tempDir(), 'opsbar.db');
  writeFileSync(file, '');
  const { db, notice } = openDatabase(file, { now });
  assert.equal(notice.kind, 'created');
  assert.ok(db instanceof Database);
  db.close();
});
