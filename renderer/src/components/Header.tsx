/** @jsxRuntime automatic */
import type { AlertsSnapshot } from '../../../shared/types/alerts';
import type { StatusSnapshot } from '../../../shared/types/status';
import { ConnectionIndicator } from './ConnectionBanner';
import { AlertSeverityBadge } from './incidents/AlertSeverityBadge';
import { SeverityBadge } from './SeverityBadge';

/** The host, its overall status and, when alerts fire, the worst of them (the tray's colour), always in view. */
export function Header({ status, alerts }: { status: StatusSnapshot | undefined; alerts?: AlertsSnapshot }) {
  const host = status?.system?.hostname ?? 'this host';
  const firing = alerts?.alerts.filter((a) => a.state === 'firing').length ?? 0;
  return (
    <header className="app-header">
      <span className="brand">Opsbar</span>
      <span className="host" title={status?.system?.platform}>
        {host}
      </span>
      <span className="overall" aria-label="Overall status">
        <SeverityBadge severity={status?.overall ?? 'unknown'} />
      </span>
      {alerts?.worstFiring ? (
        <a className="header-alerts" href="#/incidents" aria-label="Worst firing alert">
          <AlertSeverityBadge severity={alerts.worstFiring} /> · {firing} {firing === 1 ? 'alert' : 'alerts'} firing
        </a>
      ) : null}
      <span className="spacer" />
      <ConnectionIndicator />
    </header>
  );
}
