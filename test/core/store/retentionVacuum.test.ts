import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../../electron/core/store/openDatabase';
import { RetentionRunner } from '../../../electron/core/store/retention';
import { tempDir } from '../../support/tempDir';
import { DAY, NOW } from './fixtures/storeFixtures';

const RETENTION = { rawHours: 48, minuteDays: 30, hourDays: 365, eventDays: 90, auditDays: 365, incidentDays: 180 };
const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Audit rows over two years, incidents with timelines, notifications with deliveries: old and young. */
function seed(db: Database.Database): void {
  db.transaction(() => {
    const audit = db.prepare("INSERT INTO audit(at, actor, action, target, outcome, details) VALUES (?, 'cli', 'runbook.step', 'x#1', 'succeeded', ?)");
    for (let day = 0; day < 730; day++) for (let i = 0; i < 5; i++) audit.run(NOW - day * DAY, JSON.stringify({ command: 'x'.repeat(400) }));
    const incident = db.prepare("INSERT INTO incidents(title, severity, state, group_key, opened_at, last_activity_at, resolved_at) VALUES ('t', 'warning', ?, 'g', ?, ?, ?)");
    const alert = db.prepare("INSERT INTO incident_alerts(incident_id, alert_key, kind, subject, label, severity, joined_at) VALUES (?, 'k|s', 'k', 's', 'l', 'warning', ?)");
    const entry = db.prepare("INSERT INTO incident_timeline(incident_id, at, type, text, actor) VALUES (?, ?, 'event', ?, 'opsbar')");
    for (let day = 0; day < 400; day += 10) {
      // The oldest is still open: an open incident is never deleted, however old.
      const open = day === 390;
      const at = NOW - day * DAY;
      const id = Number(incident.run(open ? 'open' : 'resolved', at, at, open ? null : at).lastInsertRowid);
      alert.run(id, at);
      for (let i = 0; i < 20; i++) entry.run(id, at, 'e'.repeat(300));
    }
    const notification = db.prepare("INSERT INTO notifications(id, at, reason, severity, doc) VALUES (?, ?, 'firing', 'warning', ?)");
    const delivery = db.prepare("INSERT INTO notification_deliveries(notification_id, channel, at, ok, attempt) VALUES (?, 'webhook:hook', ?, 1, 1)");
    for (let day = 0; day < 200; day++) {
      notification.run(`n${day}`, NOW - day * DAY, JSON.stringify({ body: 'b'.repeat(300) }));
      delivery.run(`n${day}`, NOW - day * DAY);
    }
  })();
}

test('retention deletes audit rows, resolved incidents (alerts and timeline by cascade) and notifications past their days, then the file shrinks', () => {
  const file = join(tempDir(), 'opsbar.db');
  const { db } = openDatabase(file, { now: () => NOW });
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(db.pragma('auto_vacuum', { simple: true }), 2, 'a new file is incremental');
  seed(db);
  const pagesBefore = db.pragma('page_count', { simple: true }) as number;

  const report = new RetentionRunner(db).run(RETENTION, NOW, 500);
  assert.equal(report.byTable.audit, 365 * 5 - 5, 'audit rows older than 365 days');
  assert.equal(count(db, 'audit'), 366 * 5);
  assert.equal((db.prepare('SELECT min(at) AS at FROM audit').get() as { at: number }).at, NOW - 365 * DAY);
  // Resolved more than 180 days ago: days 190…380 (20 incidents); day 390 is open and stays.
  assert.equal(report.byTable.incidents, 20);
  assert.equal(count(db, 'incidents'), 20);
  assert.equal(count(db, 'incident_alerts'), 20, 'alerts went with their incidents');
  assert.equal(count(db, 'incident_timeline'), 20 * 20, 'timelines went with their incidents');
  assert.equal(report.byTable.notifications, 109);
  assert.equal(report.byTable.notification_deliveries, 109);
  assert.equal(count(db, 'notifications'), 91);

  const pagesAfter = db.pragma('page_count', { simple: true }) as number;
  assert.equal(db.pragma('freelist_count', { simple: true }), 0);
  assert.ok(report.vacuumedPages > 0);
  assert.ok(pagesAfter < pagesBefore * 0.75, `page count ${pagesBefore} → ${pagesAfter}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  assert.equal(statSync(file).size, pagesAfter * (db.pragma('page_size', { simple: true }) as number), 'the file itself shrank');
  db.close();
});

test('an existing file without auto-vacuum is converted once at open, then shrinks after retention', () => {
  const file = join(tempDir(), 'opsbar.db');
  const first = openDatabase(file, { now: () => NOW }).db;
  first.pragma('auto_vacuum = NONE');
  first.exec('VACUUM');
  assert.equal(first.pragma('auto_vacuum', { simple: true }), 0);
  seed(first);
  first.close();

  const { db } = openDatabase(file, { now: () => NOW });
  assert.equal(db.pragma('auto_vacuum', { simple: true }), 2);
  const pagesBefore = db.pragma('page_count', { simple: true }) as number;
  new RetentionRunner(db).run(RETENTION, NOW);
  assert.ok((db.pragma('page_count', { simple: true }) as number) < pagesBefore * 0.75);
  db.close();
});
