import type { HttpSnapshot } from '../../../../shared/types/http';
import type { MonitorModule, SeriesDoc } from '../monitorModule';

// FOUNDATION STUB — the http helper replaces this file.
export const HTTP_SERIES: readonly SeriesDoc[] = [{ name: 'http.latencyMs:<name>', unit: 'ms', description: 'How long a health check took to answer (written when it answered).' }];

const empty = (at: number): HttpSnapshot => ({ at, checks: [] });

/** HTTP health checks from `http.checks`: status, body, latency; `http.down` after consecutive failures. */
export const httpModule: MonitorModule<'http'> = {
  id: 'http',
  label: 'HTTP checks',
  enabled: (settings) => settings.http.enabled && settings.http.checks.length > 0,
  collectionSettings: ({ http }) => http,
  createCollector() {
    throw new Error('not implemented');
  },
  assess: ({ snapshot, at }) => ({ snapshot: snapshot ?? empty(at), checks: [] }),
  series: HTTP_SERIES,
};
