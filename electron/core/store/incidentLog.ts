import type Database from 'better-sqlite3';
import type { AlertSeverity } from '../../../shared/types/alerts';
import type { IncidentAlertRef, IncidentState, TimelineEntry, TimelineEntryType } from '../../../shared/types/incidents';

/** One row of `incidents`, as the incident system works with it. */
export interface IncidentRow {
  id: number;
  title: string;
  severity: AlertSeverity;
  state: IncidentState;
  group: string;
  openedAt: number;
  lastActivityAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

export type IncidentUpdate = Partial<Omit<IncidentRow, 'id' | 'group' | 'title'>>;
export type NewTimelineEntry = Omit<TimelineEntry, 'id'>;

const SELECT_INCIDENT = `SELECT id, title, severity, state, group_key AS "group", opened_at AS openedAt, last_activity_at AS lastActivityAt,
  acknowledged_at AS acknowledgedAt, acknowledged_by AS acknowledgedBy, resolved_at AS resolvedAt, resolved_by AS resolvedBy FROM incidents`;
const SELECT_ALERT = `SELECT alert_key AS key, kind, subject, label, severity, joined_at AS joinedAt, resolved_at AS resolvedAt FROM incident_alerts`;
const COLUMN: Record<keyof IncidentUpdate, string> = {
  severity: 'severity',
  state: 'state',
  openedAt: 'opened_at',
  lastActivityAt: 'last_activity_at',
  acknowledgedAt: 'acknowledged_at',
  acknowledgedBy: 'acknowledged_by',
  resolvedAt: 'resolved_at',
  resolvedBy: 'resolved_by',
};

interface EntryRow extends Omit<TimelineEntry, 'details' | 'type'> {
  type: TimelineEntryType;
  details: string;
}

const entryOf = (row: EntryRow): TimelineEntry => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> });

/**
 * Incidents, their alerts and timelines (tables `incidents`, `incident_alerts`, `incident_timeline`).
 * Every read goes to the table, so the app sees at once what `opsbar incident ack` wrote from another process.
 */
export class IncidentLog {
  private readonly statements;
  private readonly updates = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {
    this.statements = {
      insert: db.prepare<[string, string, string, number, number]>(
        "INSERT INTO incidents(title, severity, state, group_key, opened_at, last_activity_at) VALUES (?, ?, 'open', ?, ?, ?)",
      ),
      byId: db.prepare<[number], IncidentRow>(`${SELECT_INCIDENT} WHERE id = ?`),
      open: db.prepare<[], IncidentRow>(`${SELECT_INCIDENT} WHERE state = 'open' ORDER BY id`),
      latestOfGroup: db.prepare<[string], IncidentRow>(`${SELECT_INCIDENT} WHERE group_key = ? ORDER BY last_activity_at DESC, id DESC LIMIT 1`),
      // The alert's open incident: through the index on alert_key, then the incident's primary key.
      openOfAlert: db.prepare<[string], IncidentRow>(
        `${SELECT_INCIDENT} WHERE state = 'open' AND id IN (SELECT incident_id FROM incident_alerts WHERE alert_key = ?) ORDER BY id DESC LIMIT 1`,
      ),
      unresolvedOfAlert: db.prepare<[string], { id: number }>(
        'SELECT incident_id AS id FROM incident_alerts WHERE alert_key = ? AND resolved_at IS NULL ORDER BY incident_id DESC',
      ),
      list: db.prepare<{ open: number; resolved: number; limit: number }, IncidentRow>(
        `${SELECT_INCIDENT} WHERE (state = 'open' AND @open) OR (state = 'resolved' AND @resolved) ORDER BY state = 'open' DESC, opened_at DESC, id DESC LIMIT @limit`,
      ),
      since: db.prepare<[number, number], IncidentRow>(`${SELECT_INCIDENT} WHERE opened_at >= ? OR resolved_at >= ?`),
      upsertAlert: db.prepare<[number, string, string, string, string, string, number]>(
        `INSERT INTO incident_alerts(incident_id, alert_key, kind, subject, label, severity, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(incident_id, alert_key) DO UPDATE SET label = excluded.label, severity = excluded.severity, resolved_at = NULL`,
      ),
      alertSeverity: db.prepare<[string, number, string]>('UPDATE incident_alerts SET severity = ? WHERE incident_id = ? AND alert_key = ?'),
      resolveAlert: db.prepare<[number, number, string]>('UPDATE incident_alerts SET resolved_at = ? WHERE incident_id = ? AND alert_key = ? AND resolved_at IS NULL'),
      alerts: db.prepare<[number], IncidentAlertRef>(`${SELECT_ALERT} WHERE incident_id = ? ORDER BY joined_at, alert_key`),
      addEntry: db.prepare<[number, number, string, string, string, string]>(
        'INSERT INTO incident_timeline(incident_id, at, type, text, actor, details) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      updateEntry: db.prepare<[string, string, number]>('UPDATE incident_timeline SET text = ?, details = ? WHERE id = ?'),
      recent: db.prepare<[number, number], EntryRow>('SELECT id, at, type, text, actor, details FROM incident_timeline WHERE incident_id = ? ORDER BY id DESC LIMIT ?'),
      timeline: db.prepare<[number], EntryRow>('SELECT id, at, type, text, actor, details FROM incident_timeline WHERE incident_id = ? ORDER BY at, id'),
      entryCount: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM incident_timeline WHERE incident_id = ?'),
    };
  }

  create(fields: { title: string; severity: AlertSeverity; group: string; at: number }): IncidentRow {
    const id = Number(this.statements.insert.run(fields.title, fields.severity, fields.group, fields.at, fields.at).lastInsertRowid);
    return this.get(id) as IncidentRow;
  }

  get(id: number): IncidentRow | undefined {
    return this.statements.byId.get(id);
  }

  update(id: number, update: IncidentUpdate): void {
    const keys = Object.keys(update) as (keyof IncidentUpdate)[];
    if (keys.length === 0) return;
    const sql = `UPDATE incidents SET ${keys.map((key) => `${COLUMN[key]} = @${key}`).join(', ')} WHERE id = @id`;
    // A handful of shapes (ack, resolve, activity…): each prepared once.
    let statement = this.updates.get(sql);
    if (!statement) this.updates.set(sql, (statement = this.db.prepare(sql)));
    statement.run({ ...update, id });
  }

  openIncidents(): IncidentRow[] {
    return this.statements.open.all();
  }

  /** The incident of a group most recently active (open or resolved). */
  latestOfGroup(group: string): IncidentRow | undefined {
    return this.statements.latestOfGroup.get(group);
  }

  openOfAlert(key: string): IncidentRow | undefined {
    return this.statements.openOfAlert.get(key);
  }

  /** Incidents (any state) where this alert has not resolved yet. */
  unresolvedOfAlert(key: string): number[] {
    return this.statements.unresolvedOfAlert.all(key).map((row) => row.id);
  }

  /** Open first, newest first; then resolved, newest first. */
  list(state: 'open' | 'resolved' | 'all', limit: number): IncidentRow[] {
    return this.statements.list.all({ open: state === 'resolved' ? 0 : 1, resolved: state === 'open' ? 0 : 1, limit: Math.max(0, Math.floor(limit)) });
  }

  /** Incidents opened or resolved at or after `from` (the weekly chart). */
  activeSince(from: number): IncidentRow[] {
    return this.statements.since.all(from, from);
  }

  /** Adds the alert, or brings it back (unresolved, its latest label and severity) when it joined before. */
  joinAlert(incidentId: number, ref: Omit<IncidentAlertRef, 'resolvedAt'>): void {
    this.statements.upsertAlert.run(incidentId, ref.key, ref.kind, ref.subject, ref.label, ref.severity, ref.joinedAt);
  }

  setAlertSeverity(incidentId: number, key: string, severity: AlertSeverity): void {
    this.statements.alertSeverity.run(severity, incidentId, key);
  }

  /** Returns whether the alert was still unresolved in the incident. */
  resolveAlert(incidentId: number, key: string, at: number): boolean {
    return this.statements.resolveAlert.run(at, incidentId, key).changes > 0;
  }

  alerts(incidentId: number): IncidentAlertRef[] {
    return this.statements.alerts.all(incidentId);
  }

  addEntry(incidentId: number, entry: NewTimelineEntry): number {
    return Number(this.statements.addEntry.run(incidentId, entry.at, entry.type, entry.text, entry.actor, JSON.stringify(entry.details)).lastInsertRowid);
  }

  updateEntry(id: number, text: string, details: Record<string, unknown>): void {
    this.statements.updateEntry.run(text, JSON.stringify(details), id);
  }

  /** The latest entries, newest first. */
  recentEntries(incidentId: number, limit: number): TimelineEntry[] {
    return this.statements.recent.all(incidentId, limit).map(entryOf);
  }

  timeline(incidentId: number): TimelineEntry[] {
    return this.statements.timeline.all(incidentId).map(entryOf);
  }

  entryCount(incidentId: number): number {
    return this.statements.entryCount.get(incidentId)?.n ?? 0;
  }

  /** Several writes as one (an incident and its first alert and entry). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
