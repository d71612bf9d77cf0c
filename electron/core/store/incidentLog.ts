import type Database from 'better-sqlite3';

/** Incidents, their alerts and timelines (tables `incidents`, `incident_alerts`, `incident_timeline`). STUB: the incidents engineer fills it in. */
export class IncidentLog {
  constructor(readonly db: Database.Database) {}
}
