/** @jsxRuntime automatic */
import type { IncidentSummary } from '../../../../shared/types/incidents';
import { formatRelativeTime } from '../../format';
import { useNow } from '../../hooks/useNow';
import { AlertSeverityBadge } from './AlertSeverityBadge';
import { firingWords, responseTimes } from './incidentFormat';

interface IncidentListProps {
  incidents: IncidentSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/** Open incidents first: severity (P0–P3, colour and word), title, when it opened, TTA / TTR, what still fires. */
export function IncidentList({ incidents, selectedId, onSelect }: IncidentListProps) {
  const now = useNow();
  return (
    <ul className="incident-list" aria-label="Incidents list">
      {incidents.map((incident) => (
        <li key={incident.id} className={`incident-row incident-${incident.state}`}>
          <a
            href={`#/incidents/${incident.id}`}
            aria-current={incident.id === selectedId ? 'true' : undefined}
            onClick={(event) => {
              event.preventDefault();
              onSelect(incident.id);
            }}
          >
            <span className="incident-row-head">
              <AlertSeverityBadge severity={incident.severity} />
              <span className="incident-title">{incident.title}</span>
              <span className={`incident-state incident-state-${incident.state}`}>{incident.state === 'open' ? (incident.acknowledgedAt ? 'Acknowledged' : 'Open') : 'Resolved'}</span>
            </span>
            <span className="incident-row-meta muted">
              <time dateTime={new Date(incident.openedAt).toISOString()} title={new Date(incident.openedAt).toLocaleString()}>
                opened {formatRelativeTime(incident.openedAt, now)}
              </time>
              {' · '}
              {responseTimes(incident)}
              {' · '}
              {firingWords(incident)}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
