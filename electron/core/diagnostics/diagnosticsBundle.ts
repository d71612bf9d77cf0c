import { openSync, readSync, closeSync, readFileSync, statSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import type { SettingsView } from '../../../shared/config/settingsSchema';
import type { DiagnosticsBundle } from '../../../shared/types/diagnostics';
import type { StatusSnapshot } from '../../../shared/types/status';
import type { ActionSystem } from '../actions/actionSystem';
import type { AlertSystem } from '../alerts/alertSystem';
import { appRoot } from '../appPaths';
import { SCHEMA_VERSION } from '../store/migrations';
import type { OpsbarStore } from '../store/opsbarStore';
import type { RecentError } from './recentErrors';
import { REDACTED, redactDeep, redactUrlText, type RedactOptions } from './redactSecrets';

export interface DiagnosticsDeps {
  now(): number;
  /** The settings view as in effect (webhook URLs already redacted: redact again, never trust it). */
  settingsView(): SettingsView;
  /** The live status (app), or a one-shot reading (CLI). */
  status(): Promise<StatusSnapshot>;
  store(): OpsbarStore;
  databasePath: string;
  alerts: AlertSystem;
  actions: ActionSystem;
  recentErrors(): RecentError[];
  electronVersion: string | null;
  /** Where API key and webhook URL values are looked up, only to remove them (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

const EVENTS = 200;
const ACTIONS = 20;

function opsbarVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** The file's `user_version` from its header (bytes 60–63), without opening it as a database. */
function headerSchemaVersion(path: string): number | null {
  try {
    const fd = openSync(path, 'r');
    try {
      const header = Buffer.alloc(64);
      return readSync(fd, header, 0, 64, 0) === 64 ? header.readUInt32BE(60) : null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** What the redaction must know: the configured webhook hosts, and the values of the env variables settings name. */
function redactOptionsFor(view: SettingsView, env: NodeJS.ProcessEnv): RedactOptions {
  const names = new Set<string>();
  for (const e of view.settings.models.endpoints) if (e.apiKeyEnv) names.add(e.apiKeyEnv);
  for (const w of view.settings.notifications.webhooks) if (w.urlEnv) names.add(w.urlEnv);
  const values = [...names].flatMap((name) => (typeof env[name] === 'string' && env[name] !== '' ? [{ name, value: env[name] }] : []));
  const webhookHosts = view.settings.notifications.webhooks.flatMap((w) => {
    try {
      return [new URL(w.url).hostname];
    } catch {
      return [];
    }
  });
  return { values, webhookHosts };
}

/** The settings with every webhook URL gone and HTTP check URLs cut to scheme, host and first path segment. */
function redactedSettings(view: SettingsView, options: RedactOptions): unknown {
  const s = view.settings;
  const settings = {
    ...s,
    notifications: { ...s.notifications, webhooks: s.notifications.webhooks.map((w) => ({ ...w, url: w.url === '' ? '' : REDACTED })) },
    http: { ...s.http, checks: s.http.checks.map((c) => ({ ...c, url: redactUrlText(c.url, { ...options, strictUrls: true }) })) },
  };
  return redactDeep(settings, options);
}

/** What `opsbar diagnostics` and the Settings page's button produce: no secrets, every string redacted. */
export function createDiagnostics(deps: DiagnosticsDeps): { bundle(): Promise<DiagnosticsBundle> } {
  async function statusOrError(): Promise<unknown> {
    try {
      return await deps.status();
    } catch (error) {
      return { error: `The status could not be read: ${(error as Error).message}` };
    }
  }

  function storeHealth(): DiagnosticsBundle['store'] {
    const health = deps.store().health();
    const inMemory = deps.databasePath === ':memory:';
    const size = inMemory ? null : sizeOf(deps.databasePath);
    const wal = inMemory ? null : sizeOf(`${deps.databasePath}-wal`);
    return {
      path: deps.databasePath,
      writable: health.writable,
      lastError: health.lastError,
      sizeBytes: size === null ? null : size + (wal ?? 0),
      // A writable store migrated the file when it opened it; otherwise the file says what it is.
      schemaVersion: inMemory ? null : health.writable ? SCHEMA_VERSION : headerSchemaVersion(deps.databasePath),
    };
  }

  return {
    async bundle() {
      const view = deps.settingsView();
      const options = redactOptionsFor(view, deps.env ?? process.env);
      const status = await statusOrError();
      const bundle: DiagnosticsBundle = {
        createdAt: deps.now(),
        versions: { opsbar: opsbarVersion(), node: process.versions.node, electron: deps.electronVersion, platform: platform(), arch: arch(), release: release() },
        settings: redactedSettings(view, options),
        configPath: view.configPath,
        configProblems: view.problems,
        status,
        events: deps.store().listEvents({ limit: EVENTS }),
        errors: deps.recentErrors(),
        store: storeHealth(),
        alerts: deps.alerts.snapshot(),
        actions: deps.actions.recent(ACTIONS),
      };
      // Every part once more, settings included: whatever redacted it before, nothing is trusted.
      return redactDeep(bundle, options) as DiagnosticsBundle;
    },
  };
}
