import { alertSeverityRank, type AlertSeverity, type AlertsSnapshot, type AlertView } from '../../shared/types/alerts';
import type { Severity } from '../../shared/types/severity';
import { ALERTS_ROUTE, incidentRoute, runbookRoute } from './dashboardRoutes';
import type { TrayMenuItem } from './trayMenu';

/** Firing alerts listed in the menu; the rest are "…and N more". */
export const MAX_TRAY_ALERTS = 5;
/** Runbook items under one alert (the dashboard lists them all). */
const MAX_RUNBOOKS_PER_ALERT = 2;

const ICON_OF: Record<AlertSeverity, string> = { emergency: 'tray-emergency', critical: 'tray-critical', warning: 'tray-warning', info: 'tray-ok' };
const WORD_OF: Record<AlertSeverity, string> = { emergency: 'Emergency', critical: 'Critical', warning: 'Warning', info: 'Info' };

export function alertIconName(severity: AlertSeverity): string {
  return ICON_OF[severity] ?? 'tray-unknown';
}

export function alertSeverityWord(severity: AlertSeverity): string {
  return WORD_OF[severity] ?? 'Unknown';
}

/**
 * The tray's colour: the worst FIRING alert (a pending one has not fired yet); with none, ok —
 * or unknown while the status itself is unknown (nothing measured yet).
 */
export function trayColourIcon(alerts: AlertsSnapshot | null | undefined, overall: Severity): string {
  const worst = alerts?.worstFiring ?? null;
  if (worst && worst !== 'info') return alertIconName(worst);
  return overall === 'unknown' ? 'tray-unknown' : 'tray-ok';
}

/** Firing alerts, worst first; ties keep the engine's order (it sorts worst first, then oldest). */
export function firingAlerts(alerts: AlertsSnapshot | null | undefined): AlertView[] {
  const list = Array.isArray(alerts?.alerts) ? alerts.alerts : [];
  return list
    .map((alert, index) => ({ alert, index }))
    .filter(({ alert }) => alert.state === 'firing')
    .sort((a, b) => alertSeverityRank(b.alert.severity) - alertSeverityRank(a.alert.severity) || a.index - b.index)
    .map(({ alert }) => alert);
}

export function alertLine(alert: AlertView): string {
  return alert.summary ? `${alert.label} — ${alert.summary}` : alert.label;
}

/**
 * Up to five firing alerts, each opening its incident (`#/incidents/<id>`, or the alerts view when
 * it has none), followed by "Runbook: <title>" items for the runbooks its kind names. Labels carry
 * untrusted text (container names): the menu builder sanitises them.
 */
export function alertItems(alerts: AlertsSnapshot | null | undefined, open: (route: string) => void, runbookTitle: (id: string) => string | null = () => null): TrayMenuItem[] {
  const firing = firingAlerts(alerts);
  if (firing.length === 0) return [];
  const items: TrayMenuItem[] = [];
  for (const alert of firing.slice(0, MAX_TRAY_ALERTS)) {
    const route = alert.incidentId !== null && alert.incidentId !== undefined ? incidentRoute(alert.incidentId) : ALERTS_ROUTE;
    items.push({ type: 'normal', label: alertLine(alert), enabled: true, iconName: alertIconName(alert.severity), click: () => open(route) });
    for (const id of (alert.runbooks ?? []).slice(0, MAX_RUNBOOKS_PER_ALERT)) {
      items.push({ type: 'normal', label: `Runbook: ${runbookTitle(id) ?? id}`, enabled: true, click: () => open(runbookRoute(id)) });
    }
  }
  if (firing.length > MAX_TRAY_ALERTS) {
    items.push({ type: 'normal', label: `…and ${firing.length - MAX_TRAY_ALERTS} more firing (see dashboard)`, enabled: true, click: () => open(ALERTS_ROUTE) });
  }
  return items;
}
