import type Database from 'better-sqlite3';

/** Alert states and silences in the history file (tables `alert_states`, `silences`). STUB: the alerts engineer fills it in. */
export class AlertStateLog {
  constructor(readonly db: Database.Database) {}
}
