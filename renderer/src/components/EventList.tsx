/** @jsxRuntime automatic */
import type { OpsEvent } from '../../../shared/types/events';
import { formatRelativeTime } from '../format';
import { useNow } from '../hooks/useNow';
import { SeverityBadge } from './SeverityBadge';

/** Events newest first: when, how bad, about what, and what happened, all as plain text. */
interface EventListProps {
  events: OpsEvent[];
  emptyText?: string;
  /** False where every event is about the same subject (a container's own list). */
  showSubject?: boolean;
}

export function EventList({ events, emptyText = 'No events yet.', showSubject = true }: EventListProps) {
  const now = useNow();
  if (events.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ol className={showSubject ? 'events' : 'events events-one-subject'}>
      {events.map((event) => (
        <li key={event.id} className="event">
          <time className="event-time" dateTime={new Date(event.at).toISOString()} title={new Date(event.at).toLocaleString()}>
            {formatRelativeTime(event.at, now)}
          </time>
          <SeverityBadge severity={event.severity} />
          {showSubject && <span className="event-subject">{event.subject}</span>}
          <span className="event-message">{event.message}</span>
        </li>
      ))}
    </ol>
  );
}
