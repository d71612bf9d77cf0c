import type Database from 'better-sqlite3';
import { StoreVersionError } from './storeErrors';

/**
 * Versioned schema changes. Each runs once, in its own transaction together with the bump of
 * `PRAGMA user_version`, so a crash mid-migration leaves the previous version intact.
 * Append new migrations; never edit one that has shipped.
 */
interface Migration {
  version: number;
  up(db: Database.Database): void;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up(db) {
      db.exec(`
        CREATE TABLE series (
          id   INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE
        );

        -- Clustered by series then time: a chart reads one contiguous range.
        -- A second sample for the same (series, ts) replaces the first (see SampleWriter).
        CREATE TABLE samples_raw (
          series_id INTEGER NOT NULL REFERENCES series(id),
          ts        INTEGER NOT NULL,
          value     REAL    NOT NULL,
          PRIMARY KEY (series_id, ts)
        ) WITHOUT ROWID;

        CREATE TABLE rollup_1m (
          series_id INTEGER NOT NULL REFERENCES series(id),
          bucket    INTEGER NOT NULL,
          sum       REAL    NOT NULL,
          count     INTEGER NOT NULL,
          min       REAL    NOT NULL,
          max       REAL    NOT NULL,
          PRIMARY KEY (series_id, bucket)
        ) WITHOUT ROWID;

        CREATE TABLE rollup_1h (
          series_id INTEGER NOT NULL REFERENCES series(id),
          bucket    INTEGER NOT NULL,
          sum       REAL    NOT NULL,
          count     INTEGER NOT NULL,
          min       REAL    NOT NULL,
          max       REAL    NOT NULL,
          PRIMARY KEY (series_id, bucket)
        ) WITHOUT ROWID;

        CREATE TABLE events (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,
          at         INTEGER NOT NULL,
          source     TEXT    NOT NULL,
          kind       TEXT    NOT NULL,
          severity   TEXT    NOT NULL,
          subject    TEXT    NOT NULL,
          message    TEXT    NOT NULL,
          attributes TEXT    NOT NULL DEFAULT '{}'
        );
        CREATE INDEX events_at ON events(at);
        -- The rowid (id) is implicitly the last index column: "subject = ? ORDER BY id DESC" uses it.
        CREATE INDEX events_subject ON events(subject);

        CREATE TABLE audit (
          id      INTEGER PRIMARY KEY AUTOINCREMENT,
          at      INTEGER NOT NULL,
          actor   TEXT    NOT NULL,
          action  TEXT    NOT NULL,
          target  TEXT    NOT NULL,
          outcome TEXT    NOT NULL,
          details TEXT    NOT NULL DEFAULT '{}'
        );
      `);
    },
  },
  {
    version: 2,
    up(db) {
      db.exec(`
        -- One row per runbook run: who started it, with what, where it is, how it ended.
        CREATE TABLE runbook_runs (
          id                INTEGER PRIMARY KEY AUTOINCREMENT,
          runbook_id        TEXT    NOT NULL,
          runbook_title     TEXT    NOT NULL,
          hash              TEXT    NOT NULL,
          trigger           TEXT    NOT NULL,
          started_by        TEXT    NOT NULL,
          mode              TEXT    NOT NULL,
          state             TEXT    NOT NULL,
          params            TEXT    NOT NULL DEFAULT '{}',
          current_step      INTEGER NOT NULL DEFAULT 0,
          step_count        INTEGER NOT NULL,
          wait              TEXT,
          summary           TEXT    NOT NULL DEFAULT '',
          suggested_runbook TEXT,
          notes             TEXT    NOT NULL DEFAULT '',
          started_at        INTEGER NOT NULL,
          ended_at          INTEGER,
          -- The process driving the run: the app and \`opsbar runbook run\` share the file, and
          -- one must not declare the other's live run interrupted.
          owner_pid         INTEGER
        );
        -- "Newest first" is the rowid (id) order; "runs of runbook X" reads this index backwards.
        CREATE INDEX runbook_runs_runbook ON runbook_runs(runbook_id);
        -- Retention deletes ended runs by age; unfinished runs are found at start-up.
        CREATE INDEX runbook_runs_ended ON runbook_runs(ended_at);
        CREATE INDEX runbook_runs_unfinished ON runbook_runs(state) WHERE state IN ('running', 'waiting');

        -- One row per attempt at a step (a retry is a new attempt), numbered 1, 2, 3… within the run.
        CREATE TABLE runbook_steps (
          run_id           INTEGER NOT NULL REFERENCES runbook_runs(id) ON DELETE CASCADE,
          attempt          INTEGER NOT NULL,
          step_index       INTEGER NOT NULL,
          step_id          TEXT    NOT NULL,
          state            TEXT    NOT NULL,
          command          TEXT    NOT NULL,
          exit_code        INTEGER,
          checks           TEXT    NOT NULL DEFAULT '[]',
          output           TEXT    NOT NULL DEFAULT '',
          output_bytes     INTEGER NOT NULL DEFAULT 0,
          output_truncated INTEGER NOT NULL DEFAULT 0,
          summary          TEXT    NOT NULL DEFAULT '',
          note             TEXT    NOT NULL DEFAULT '',
          started_at       INTEGER,
          ended_at         INTEGER,
          PRIMARY KEY (run_id, attempt)
        ); -- a rowid table: rows carry up to 64 KiB of output, too large for WITHOUT ROWID
      `);
    },
  },
  {
    version: 3,
    up(db) {
      db.exec(`
        -- One row per model probe that measured something (failures are not measurements).
        -- The headline figures are columns (charts read them); the client's and the server's own
        -- figures side by side are one JSON document (shown, never queried).
        CREATE TABLE model_probes (
          id                        INTEGER PRIMARY KEY AUTOINCREMENT,
          endpoint                  TEXT    NOT NULL,
          model                     TEXT    NOT NULL,
          at                        INTEGER NOT NULL,
          ttft_ms                   REAL    NOT NULL,
          decode_tokens_per_second  REAL,
          prefill_tokens_per_second REAL,
          completion_tokens         INTEGER NOT NULL,
          prompt_tokens             INTEGER,
          total_ms                  REAL    NOT NULL,
          source                    TEXT    NOT NULL,
          estimated                 INTEGER NOT NULL,
          cold                      INTEGER NOT NULL,
          trigger                   TEXT    NOT NULL,
          figures                   TEXT    NOT NULL DEFAULT '{}'
        );
        -- A chart reads one (endpoint, model) range; the snapshot reads its newest rows backwards.
        CREATE INDEX model_probes_endpoint_model_at ON model_probes(endpoint, model, at);
        -- Retention deletes by age across all models.
        CREATE INDEX model_probes_at ON model_probes(at);
      `);
    },
  },
  {
    version: 4,
    up(db) {
      db.exec(`
        -- Each alert's state (kind|subject), so pending timers and firing alerts survive a restart.
        -- The state itself is one JSON document (read whole at start, written on change).
        CREATE TABLE alert_states (
          key        TEXT    PRIMARY KEY,
          kind       TEXT    NOT NULL,
          subject    TEXT    NOT NULL,
          state      TEXT    NOT NULL,
          updated_at INTEGER NOT NULL,
          doc        TEXT    NOT NULL
        );

        -- Silences hold back notifications of a kind (one subject or all) until a time.
        CREATE TABLE silences (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,
          kind       TEXT    NOT NULL,
          subject    TEXT,
          until      INTEGER NOT NULL,
          reason     TEXT    NOT NULL DEFAULT '',
          created_at INTEGER NOT NULL,
          created_by TEXT    NOT NULL,
          removed_at INTEGER
        );
        CREATE INDEX silences_until ON silences(until);

        CREATE TABLE incidents (
          id               INTEGER PRIMARY KEY AUTOINCREMENT,
          title            TEXT    NOT NULL,
          severity         TEXT    NOT NULL,
          state            TEXT    NOT NULL,
          group_key        TEXT    NOT NULL,
          opened_at        INTEGER NOT NULL,
          last_activity_at INTEGER NOT NULL,
          acknowledged_at  INTEGER,
          acknowledged_by  TEXT,
          resolved_at      INTEGER,
          resolved_by      TEXT
        );
        CREATE INDEX incidents_open ON incidents(state) WHERE state = 'open';
        CREATE INDEX incidents_opened_at ON incidents(opened_at);

        -- The alerts that joined an incident.
        CREATE TABLE incident_alerts (
          incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
          alert_key   TEXT    NOT NULL,
          kind        TEXT    NOT NULL,
          subject     TEXT    NOT NULL,
          label       TEXT    NOT NULL,
          severity    TEXT    NOT NULL,
          joined_at   INTEGER NOT NULL,
          resolved_at INTEGER,
          PRIMARY KEY (incident_id, alert_key)
        ) WITHOUT ROWID;
        CREATE INDEX incident_alerts_key ON incident_alerts(alert_key);

        -- Alerts, events, runbook runs, actions, notifications and notes, in order.
        CREATE TABLE incident_timeline (
          id          INTEGER PRIMARY KEY AUTOINCREMENT,
          incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
          at          INTEGER NOT NULL,
          type        TEXT    NOT NULL,
          text        TEXT    NOT NULL,
          actor       TEXT    NOT NULL,
          details     TEXT    NOT NULL DEFAULT '{}'
        );
        CREATE INDEX incident_timeline_incident ON incident_timeline(incident_id, at);

        -- Notifications the policy decided, and each channel's delivery attempts.
        CREATE TABLE notifications (
          id          TEXT    PRIMARY KEY,
          at          INTEGER NOT NULL,
          reason      TEXT    NOT NULL,
          severity    TEXT    NOT NULL,
          alert_key   TEXT,
          incident_id INTEGER,
          doc         TEXT    NOT NULL
        );
        CREATE INDEX notifications_at ON notifications(at);
        CREATE TABLE notification_deliveries (
          id              INTEGER PRIMARY KEY AUTOINCREMENT,
          notification_id TEXT    NOT NULL,
          channel         TEXT    NOT NULL,
          at              INTEGER NOT NULL,
          ok              INTEGER NOT NULL,
          status          INTEGER,
          error           TEXT,
          attempt         INTEGER NOT NULL
        );
        CREATE INDEX notification_deliveries_channel ON notification_deliveries(channel, id);
        CREATE INDEX notification_deliveries_at ON notification_deliveries(at);

        -- The Audit page filters by time and by kind (the action's first word).
        CREATE INDEX audit_at ON audit(at);
        CREATE INDEX audit_action ON audit(action, at);
      `);
    },
  },
  {
    version: 5,
    up(db) {
      db.exec(`
        -- Emergency action plans (what was shown) and their runs, so a plan made by one process
        -- (the CLI's --plan) can be executed by another, and a run cut short by a crash is seen.
        CREATE TABLE action_plans (
          id         TEXT    PRIMARY KEY,
          action     TEXT    NOT NULL,
          hash       TEXT    NOT NULL,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          created_by TEXT    NOT NULL,
          doc        TEXT    NOT NULL
        );
        CREATE INDEX action_plans_created_at ON action_plans(created_at);

        -- One run per plan: a plan executes once.
        CREATE TABLE action_runs (
          plan_id     TEXT    PRIMARY KEY REFERENCES action_plans(id) ON DELETE CASCADE,
          state       TEXT    NOT NULL,
          actor       TEXT    NOT NULL,
          pid         INTEGER NOT NULL,
          started_at  INTEGER NOT NULL,
          finished_at INTEGER,
          doc         TEXT    NOT NULL DEFAULT '{}'
        );
        CREATE INDEX action_runs_running ON action_runs(state) WHERE state = 'running';

        -- Each confirmed item's outcome as it happens (in-flight is written before acting on it).
        CREATE TABLE action_items (
          plan_id  TEXT    NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
          item_id  TEXT    NOT NULL,
          position INTEGER NOT NULL,
          state    TEXT    NOT NULL,
          detail   TEXT    NOT NULL DEFAULT '',
          bytes    INTEGER,
          at       INTEGER,
          PRIMARY KEY (plan_id, item_id)
        ) WITHOUT ROWID;

        -- Known-good stack snapshots (the rollback's source), newest last.
        CREATE TABLE stack_snapshots (
          id            TEXT    PRIMARY KEY,
          stack         TEXT    NOT NULL,
          taken_at      INTEGER NOT NULL,
          reason        TEXT    NOT NULL,
          complete      INTEGER NOT NULL,
          config_digest TEXT    NOT NULL,
          doc           TEXT    NOT NULL
        );
        CREATE INDEX stack_snapshots_stack ON stack_snapshots(stack, taken_at);
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the schema up to date. Throws StoreVersionError for a database from a newer Opsbar. */
export function migrate(db: Database.Database, file: string): { from: number; to: number } {
  const from = schemaVersionOf(db);
  if (from > SCHEMA_VERSION) throw new StoreVersionError(file, from, SCHEMA_VERSION);
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: SCHEMA_VERSION };
}
