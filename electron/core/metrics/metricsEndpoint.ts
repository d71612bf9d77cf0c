import { Registry } from 'prom-client';
import { AlertMetrics } from './alertMetrics';
import { HostMetrics } from './hostMetrics';
import type { MetricsSource } from './metricsSource';
import { OpsbarHealthMetrics } from './opsbarHealthMetrics';

export interface MetricsEndpoint {
  /** The registry's Content-Type (Prometheus text format 0.0.4). */
  readonly contentType: string;
  /** Reads the core once and renders every series. */
  scrape(): Promise<string>;
}

/**
 * `/metrics`: a private prom-client registry (never the global one, so nothing else's metrics
 * leak in) filled from the core on each scrape; no background timers.
 */
export function createMetricsEndpoint(source: MetricsSource): MetricsEndpoint {
  const registry = new Registry();
  const health = new OpsbarHealthMetrics(registry, source.version);
  const host = new HostMetrics(registry);
  const alerts = new AlertMetrics(registry);
  return {
    contentType: registry.contentType,
    scrape() {
      const reading = source.read();
      // Filled and rendered without a gap: prom-client snapshots every gauge synchronously when
      // metrics() is called, so two scrapes at once cannot interleave their readings.
      health.fill(reading.status, reading.settings);
      host.fill(reading.status);
      alerts.fill(reading.alerts, reading.openIncidents);
      return registry.metrics();
    },
  };
}
