import type { OpsEvent } from '../../../shared/types/events';
import type { TimelineEntryType } from '../../../shared/types/incidents';
import type { IncidentLog, NewTimelineEntry } from '../store/incidentLog';

/** Entries an incident's timeline keeps; later ones are only counted, in one last entry. */
export const MAX_TIMELINE_ENTRIES = 1_000;
/** Repeats of one event kind for one subject within this long share one entry ("container.start ×6"). */
export const COLLAPSE_WINDOW_MS = 60_000;
/** How far back (entries) a repeat looks for the entry it joins: a restart flood alternates die/start. */
const COLLAPSE_LOOKBACK = 20;

/** Operator actions and the incident's own life are always written, past the cap too: losing one would make the timeline lie. */
const ALWAYS_KEPT: ReadonlySet<TimelineEntryType> = new Set(['acknowledged', 'resolved', 'reopened', 'note']);

/**
 * Writes an incident's timeline: bounded (a restart loop left alone for a day must not grow it
 * without end) and with event floods collapsed into one entry per kind and subject a minute.
 */
export class IncidentTimeline {
  constructor(private readonly log: () => IncidentLog) {}

  add(incidentId: number, entry: NewTimelineEntry): void {
    const log = this.log();
    if (ALWAYS_KEPT.has(entry.type) || log.entryCount(incidentId) < MAX_TIMELINE_ENTRIES) {
      log.addEntry(incidentId, entry);
      return;
    }
    this.countDropped(log, incidentId, entry.at);
  }

  /** An event: joins the latest entry of the same kind and subject within a minute (since the events after the last non-event entry), else a new one. */
  addEvent(incidentId: number, event: OpsEvent, at: number): void {
    const log = this.log();
    for (const entry of log.recentEntries(incidentId, COLLAPSE_LOOKBACK)) {
      if (entry.type !== 'event' || entry.details.overflow === true) break;
      if (entry.details.kind !== event.kind || entry.details.subject !== event.subject) continue;
      if (at - entry.at > COLLAPSE_WINDOW_MS) break;
      const count = (typeof entry.details.count === 'number' ? entry.details.count : 1) + 1;
      log.updateEntry(entry.id, eventText(event, count), { ...entry.details, count, lastAt: at, lastMessage: event.message });
      return;
    }
    this.add(incidentId, {
      at,
      type: 'event',
      text: eventText(event, 1),
      actor: 'opsbar',
      details: { kind: event.kind, subject: event.subject, count: 1, eventId: event.id, message: event.message, severity: event.severity },
    });
  }

  private countDropped(log: IncidentLog, incidentId: number, at: number): void {
    // The overflow entry is the latest but for the few always-kept ones written after it.
    const latest = log.recentEntries(incidentId, COLLAPSE_LOOKBACK).find((entry) => entry.details.overflow === true);
    if (latest) {
      const dropped = (latest.details.dropped as number) + 1;
      log.updateEntry(latest.id, droppedText(dropped), { ...latest.details, dropped, lastAt: at });
      return;
    }
    log.addEntry(incidentId, { at, type: 'event', text: droppedText(1), actor: 'opsbar', details: { overflow: true, dropped: 1 } });
  }
}

function eventText(event: OpsEvent, count: number): string {
  const head = `${event.subject}: ${event.kind}`;
  return count > 1 ? `${head} ×${count}` : `${head}: ${event.message}`;
}

function droppedText(dropped: number): string {
  return `${dropped} more ${dropped === 1 ? 'event' : 'events'} not recorded (a timeline keeps ${MAX_TIMELINE_ENTRIES} entries)`;
}
