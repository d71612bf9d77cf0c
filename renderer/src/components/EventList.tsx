/** @jsxRuntime automatic */
import { useMemo } from 'react';
import { collapseEvents } from '../../../shared/events/collapseEvents';
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
  /** Rows shown at most (after restart floods are folded into one row each). */
  maxRows?: number;
}

/** Relative time, with the absolute one in the title: a time from another clock reads "just now", never "in the future". */
function EventTime({ at, now }: { at: number; now: number }) {
  return (
    <time className="event-time" dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()}>
      {formatRelativeTime(at, now)}
    </time>
  );
}

export function EventList({ events, emptyText = 'No events yet.', showSubject = true, maxRows }: EventListProps) {
  const now = useNow();
  // A container in a restart loop is one row ("demo-loop restarted 6 times in 20 s"), not a screen of start/exit pairs.
  const rows = useMemo(() => {
    const all = collapseEvents(events);
    return maxRows === undefined ? all : all.slice(0, maxRows);
  }, [events, maxRows]);
  if (rows.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ol className={showSubject ? 'events' : 'events events-one-subject'}>
      {rows.map((row) =>
        row.type === 'event' ? (
          <li key={row.key} className="event">
            <EventTime at={row.event.at} now={now} />
            <SeverityBadge severity={row.event.severity} />
            {showSubject && <span className="event-subject">{row.event.subject}</span>}
            <span className="event-message">{row.event.message}</span>
          </li>
        ) : (
          <li key={row.key} className="event event-folded" title={`${row.events.length} events folded into one row`}>
            <EventTime at={row.at} now={now} />
            <SeverityBadge severity={row.severity} />
            {showSubject && <span className="event-subject">{row.subject}</span>}
            <span className="event-message">{showSubject ? row.words : row.message}</span>
          </li>
        ),
      )}
    </ol>
  );
}
