import type { Registry } from 'prom-client';
import { ALERT_SEVERITIES, type AlertsSnapshot } from '../../../shared/types/alerts';
import type { IncidentSummary } from '../../../shared/types/incidents';
import { GaugeGroup } from './gaugeGroup';

/** The alert kind whose `count` is restarts within the window (not Docker's lifetime RestartCount). */
const RESTART_LOOP_KIND = 'container.restart_loop';

const SPECS = {
  opsbar_alert: { help: '1 for each pending or firing alert.', labels: ['kind', 'subject', 'severity', 'state'] },
  opsbar_alerts_firing: { help: 'Firing alerts per severity.', labels: ['severity'] },
  opsbar_container_recent_restarts: { help: 'Restarts of a container within the restart-loop window, while its alert is pending or firing.', labels: ['container'] },
  opsbar_incidents_open: { help: 'Open incidents per severity.', labels: ['severity'] },
} as const;

/** Alert states and incident counts from the alert engine's snapshot and the open incidents. */
export class AlertMetrics {
  private readonly gauges: GaugeGroup<keyof typeof SPECS>;

  constructor(registry: Registry) {
    this.gauges = new GaugeGroup(registry, SPECS);
  }

  fill(alerts: AlertsSnapshot, openIncidents: readonly IncidentSummary[]): void {
    const g = this.gauges;
    g.reset();
    // Every severity has a series, so `opsbar_alerts_firing{severity="emergency"} > 0` has something to compare.
    for (const severity of ALERT_SEVERITIES) {
      g.set('opsbar_alerts_firing', 0, { severity });
      g.set('opsbar_incidents_open', 0, { severity });
    }
    for (const alert of alerts.alerts) {
      if (alert.state !== 'pending' && alert.state !== 'firing') continue;
      // Two views of one key cannot happen, but `set` keeps the series at 1 either way.
      g.set('opsbar_alert', 1, { kind: alert.kind, subject: alert.subject, severity: alert.severity, state: alert.state });
      if (alert.state === 'firing') g.inc('opsbar_alerts_firing', { severity: alert.severity });
      if (alert.kind === RESTART_LOOP_KIND && alert.count !== undefined) g.set('opsbar_container_recent_restarts', alert.count, { container: alert.subject });
    }
    for (const incident of openIncidents) if (incident.state === 'open') g.inc('opsbar_incidents_open', { severity: incident.severity });
  }
}
