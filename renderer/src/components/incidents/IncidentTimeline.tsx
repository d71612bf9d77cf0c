/** @jsxRuntime automatic */
import type { TimelineEntry } from '../../../../shared/types/incidents';
import { formatClockShort, formatRelativeTime } from '../../format';
import { useNow } from '../../hooks/useNow';
import { timelineLabel } from './incidentFormat';

/** What happened in an incident, oldest first: each entry's type as an icon and a word, its time, who, and the text. */
export function IncidentTimeline({ entries }: { entries: TimelineEntry[] }) {
  const now = useNow();
  if (entries.length === 0) return <p className="muted">Nothing on the timeline yet.</p>;
  const ordered = [...entries].sort((a, b) => a.at - b.at || a.id - b.id);
  return (
    <ol className="incident-timeline" aria-label="Timeline">
      {ordered.map((entry) => {
        const { icon, label } = timelineLabel(entry.type);
        return (
          <li key={entry.id} className={`timeline-entry timeline-${entry.type}`}>
            <span className="timeline-icon" aria-hidden="true">
              {icon}
            </span>
            <span className="timeline-label">{label}</span>
            <time dateTime={new Date(entry.at).toISOString()} title={new Date(entry.at).toLocaleString()} className="timeline-time">
              {formatClockShort(entry.at, now)} ({formatRelativeTime(entry.at, now)})
            </time>
            <span className="timeline-actor muted">{entry.actor}</span>
            <span className="timeline-text">{entry.text}</span>
          </li>
        );
      })}
    </ol>
  );
}
