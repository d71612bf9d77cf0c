import type { MonitorModule, SeriesDoc } from '../monitorModule';
import { httpAlertConditions, httpChecks, unattemptedView } from './httpChecks';
import { httpText } from './httpText';
import { httpTrayLines } from './httpTrayLines';

export const HTTP_SERIES: readonly SeriesDoc[] = [
  { name: 'http.latencyMs:<name>', unit: 'ms', description: 'How long a health check took to answer (written when it answered, whatever the status).' },
  { name: 'http.up:<name>', unit: '1/0', description: 'Whether a health check attempt got the expected answer (1) or not (0).' },
];

/** HTTP health checks from `http.checks`: status, body, latency; `http.down` after consecutive failures. */
export const httpModule: MonitorModule<'http'> = {
  id: 'http',
  label: 'Health checks',
  enabled: (settings) => settings.http.enabled && settings.http.checks.length > 0,
  collectionSettings: ({ http }) => http,
  async createCollector(settings, deps) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { HttpCollector } = require('./httpCollector') as typeof import('./httpCollector');
    return new HttpCollector({ checks: settings.http.checks, clock: deps.clock, previous: deps.peerSnapshot('http') });
  },
  assess({ snapshot, error, enabled, settings, at }) {
    if (!enabled) return { snapshot: { at, checks: [] }, checks: [] };
    if (!snapshot || error) {
      const reason = error ?? 'Not checked yet';
      const views = settings.http.checks.map(unattemptedView);
      return { snapshot: { at, checks: views }, checks: [{ id: 'http', label: 'Health checks', severity: 'unknown', summary: reason }] };
    }
    return httpChecks(snapshot);
  },
  alertConditions: (assessment) => httpAlertConditions(assessment),
  trayLines: httpTrayLines,
  oneShot: { readings: 1, gapMs: 0 },
  text: httpText,
  series: HTTP_SERIES,
};
