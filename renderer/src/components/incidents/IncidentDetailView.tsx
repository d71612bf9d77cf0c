/** @jsxRuntime automatic */
import type { IncidentDetail } from '../../../../shared/types/incidents';
import { formatClockShort, formatRelativeTime } from '../../format';
import { IncidentActionLinks } from '../emergency/EmergencyLinks';
import { useNow } from '../../hooks/useNow';
import { AlertSeverityBadge } from './AlertSeverityBadge';
import { IncidentActions } from './IncidentActions';
import { IncidentTimeline } from './IncidentTimeline';
import { firingWords, responseTimes } from './incidentFormat';

interface IncidentDetailViewProps {
  incident: IncidentDetail;
  onChanged: (next: IncidentDetail) => void;
  navigate: (route: string) => void;
}

/** One incident: what it is, the actions on it, its alerts, the runbooks they link to, and its timeline. */
export function IncidentDetailView({ incident, onChanged, navigate }: IncidentDetailViewProps) {
  const now = useNow();
  return (
    <article className="incident-detail" aria-labelledby={`incident-${incident.id}-title`}>
      <header className="incident-detail-head">
        <AlertSeverityBadge severity={incident.severity} />
        <h3 id={`incident-${incident.id}-title`}>{incident.title}</h3>
      </header>
      <p className="muted">
        #{incident.id} · opened {formatClockShort(incident.openedAt, now)} ({formatRelativeTime(incident.openedAt, now)}) · {responseTimes(incident)} · {firingWords(incident)}
        {incident.acknowledgedAt !== null ? ` · acknowledged by ${incident.acknowledgedBy ?? 'someone'}` : ''}
        {incident.resolvedAt !== null ? ` · resolved ${formatRelativeTime(incident.resolvedAt, now)} by ${incident.resolvedBy ?? 'someone'}` : ''}
      </p>
      <IncidentActions incident={incident} onChanged={onChanged} />
      <section aria-label="Incident alerts">
        <h4>Alerts</h4>
        {incident.alerts.length === 0 ? (
          <p className="muted">No alerts joined this incident.</p>
        ) : (
          <ul className="incident-alerts">
            {incident.alerts.map((alert) => (
              <li key={alert.key}>
                <AlertSeverityBadge severity={alert.severity} priority={false} />
                <span className="incident-alert-label">{alert.label}</span>
                <code className="incident-alert-kind">{alert.kind}</code>
                <span className="muted">{alert.resolvedAt === null ? 'firing' : `resolved ${formatRelativeTime(alert.resolvedAt, now)}`}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {incident.runbooks.length > 0 ? (
        <section aria-label="Incident runbooks">
          <h4>Runbooks</h4>
          <ul className="incident-runbooks">
            {incident.runbooks.map((runbook) => (
              <li key={runbook.id}>
                <a
                  href={`#/runbooks/${encodeURIComponent(runbook.id)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(`runbooks/${encodeURIComponent(runbook.id)}`);
                  }}
                >
                  Runbook: {runbook.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <IncidentActionLinks kinds={incident.kinds} group={incident.group} navigate={navigate} />
      <section aria-label="Incident timeline">
        <h4>Timeline</h4>
        <IncidentTimeline entries={incident.timeline} />
      </section>
    </article>
  );
}
