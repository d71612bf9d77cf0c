/** @jsxRuntime automatic */
import type { OpsEvent } from '../../../shared/types/events';
import { formatRelativeTime } from '../format';
import { useNow } from '../hooks/useNow';
import { SeverityBadge } from './SeverityBadge';

/** Events newest first: when, how bad, about what, and what happened, all as plain text. */
export function EventList({ events, emptyText = 'No events yet.' }: { events: OpsEvent[]; emptyText?: string }) {
  const now = useNow();
  if (events.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ol className="events">
      {events.map((event) => (
        <li key={event.id} className="event">
          <time className="event-time" dateTime={new Date(event.at).toISOString()} title={new Date(event.at).toLocaleString()}>
            {formatRelativeTime(event.at, now)}
          </time>
          <SeverityBadge severity={event.severity} />
          <span className="event-subject">{event.subject}</span>
          <span className="event-message">{event.message}</span>
        </li>
      ))}
    </ol>
  );
}
