/** @jsxRuntime automatic */
import type { AlertView } from '../../../../shared/types/alerts';
import { formatClockShort, formatDuration, formatTimeUntil } from '../../format';
import { useNow } from '../../hooks/useNow';
import { AlertActionLink } from '../emergency/EmergencyLinks';
import { AlertSeverityBadge } from '../incidents/AlertSeverityBadge';

/** A pending alert says when it fires (`firesAt`: its `since` + its rule's `for`). */
type ShownAlert = AlertView;

interface FiringAlertsProps {
  alerts: AlertView[];
  navigate: (route: string) => void;
}

function elapsed(since: number, now: number): string {
  return formatDuration(Math.max(0, (now - since) / 1000));
}

/** "pending for 40s, fires in 20s" / "firing for 12m 5s". */
function stateWords(alert: ShownAlert, now: number): string {
  if (alert.state === 'pending') {
    const fires = alert.firesAt != null ? `, fires ${formatTimeUntil(alert.firesAt, now)}` : '';
    return `${alert.severity} pending for ${elapsed(alert.since, now)}${fires}`;
  }
  const firedAt = alert.firedAt ?? alert.since;
  return now - firedAt < 5_000 ? 'firing just now' : `firing for ${elapsed(firedAt, now)}`;
}

/** Pending and firing alerts, worst first (the core's order): each with its state in words, its silence, and a link to its incident. */
export function FiringAlerts({ alerts, navigate }: FiringAlertsProps) {
  const now = useNow();
  const shown = (alerts as ShownAlert[]).filter((a) => a.state === 'pending' || a.state === 'firing');
  if (shown.length === 0) return <p className="muted">No alerts firing.</p>;
  return (
    <ul className="firing-alerts">
      {shown.map((alert) => (
        <li key={alert.key} className={`firing-alert firing-alert-${alert.state}`}>
          <span className="firing-alert-head">
            {alert.state === 'pending' ? <span className="badge sev-pending">Pending</span> : <AlertSeverityBadge severity={alert.severity} />}
            <span className="firing-alert-label">{alert.label}</span>
            {alert.flapping ? <span className="tag tag-flapping">flapping</span> : null}
          </span>
          <span className="firing-alert-summary">{alert.summary}</span>
          <span className="firing-alert-meta muted">
            {stateWords(alert, now)}
          </span>
          {alert.silence ? (
            <span className="firing-alert-silence">
              silenced until {formatClockShort(alert.silence.until, now)}
              {alert.silence.reason ? ` (${alert.silence.reason})` : ''}
            </span>
          ) : null}
          {alert.incidentId !== null ? (
            <a
              href={`#/incidents/${alert.incidentId}`}
              onClick={(event) => {
                event.preventDefault();
                navigate(`incidents/${alert.incidentId}`);
              }}
            >
              Incident #{alert.incidentId}
            </a>
          ) : null}
          <AlertActionLink kind={alert.kind} group={alert.group} navigate={navigate} />
        </li>
      ))}
    </ul>
  );
}
