import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../../shared/config/settingsSchema';
import type { AlertsSnapshot } from '../../../shared/types/alerts';
import type { IncidentSummary } from '../../../shared/types/incidents';
import type { StatusSnapshot } from '../../../shared/types/status';
import { appRoot } from '../appPaths';
import type { OpsbarCore } from '../opsbarCore';

/** What one scrape reads: the core's current values, taken once so a scrape is self-consistent. */
export interface MetricsReading {
  status: StatusSnapshot;
  /** Which modules are on: a module turned off has no collection to fail. */
  settings: Settings;
  alerts: AlertsSnapshot;
  openIncidents: readonly IncidentSummary[];
}

/** Where readings come from: the core in `opsbar serve`, synthetic snapshots in tests. */
export interface MetricsSource {
  read(): MetricsReading;
  /** Opsbar's version (build info). */
  readonly version: string;
}

/** Open incidents counted per scrape: the contract's own cap on one list. */
const OPEN_INCIDENTS_LIMIT = 1000;

export function coreMetricsSource(core: Pick<OpsbarCore, 'status' | 'settings' | 'alerts' | 'incidents'>, version: string): MetricsSource {
  return {
    version,
    read: () => ({ status: core.status(), settings: core.settings(), alerts: core.alerts.snapshot(), openIncidents: core.incidents.list({ state: 'open', limit: OPEN_INCIDENTS_LIMIT }) }),
  };
}

/** Opsbar's version from its package.json (the build info's label). */
export function opsbarVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
