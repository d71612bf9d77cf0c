/** What a user attaches to a bug report: no secrets (webhook URLs, tokens, API keys, URL passwords are removed). */
export interface DiagnosticsBundle {
  createdAt: number;
  versions: { opsbar: string; node: string; electron: string | null; platform: string; arch: string; release: string };
  /** The settings as in effect, secrets replaced by "[redacted]". */
  settings: unknown;
  configPath: string;
  configProblems: { path: string; message: string }[];
  /** The last status (module snapshots), as `opsbar status --json` would say it. */
  status: unknown;
  /** The latest events, newest first (at most 200). */
  events: unknown[];
  /** The latest warnings and errors the core logged (at most 200), secrets removed. */
  errors: { at: number; level: 'warn' | 'error'; message: string }[];
  store: { path: string; writable: boolean; lastError: string | null; sizeBytes: number | null; schemaVersion: number | null };
  alerts: unknown;
  /** Recent emergency actions (ids, outcomes), newest first. */
  actions: unknown[];
}
