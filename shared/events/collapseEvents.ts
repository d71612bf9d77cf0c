import type { EventSeverity, OpsEvent } from '../types/events';

/** The Docker event kinds a restart cycle is made of (a restart policy's die → start, `docker restart`'s kill → die → start → restart). */
export const RESTART_CYCLE_KINDS: ReadonlySet<string> = new Set(['container.die', 'container.start', 'container.restart', 'container.kill']);

/** One row of an event list: an event as it is, or a restart flood folded into one line. */
export type EventRow =
  | { type: 'event'; key: string; event: OpsEvent }
  | {
      type: 'restarts';
      /** Stable while the flood grows: the id of its oldest event. */
      key: string;
      subject: string;
      /** Starts that followed a die (or a kill): how often it came back. */
      restarts: number;
      /** Newest and oldest event times; `spanMs` between them. */
      at: number;
      firstAt: number;
      spanMs: number;
      severity: EventSeverity;
      /** "demo-loop restarted 6 times in 20 s". */
      message: string;
      /** The same without the subject, for a list that shows the subject in its own column. */
      words: string;
      /** The folded events, newest first (a detail view can list them). */
      events: OpsEvent[];
    };

export interface CollapseOptions {
  /** Two events of one flood are at most this far apart (default 2 min). */
  gapMs?: number;
  /** Fewer restarts than this stay separate rows (one restart is news, not a flood). */
  minRestarts?: number;
}

const SEVERITY_RANK: Record<EventSeverity, number> = { info: 0, warning: 1, critical: 2 };

/** 20_400 → "20 s", 185_000 → "3 min", 7_200_000 → "2 h": a span in the flood's own words. */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** Starts that came after a die or kill, walking the run oldest first. */
function countRestarts(oldestFirst: OpsEvent[]): number {
  let down = false;
  let restarts = 0;
  for (const event of oldestFirst) {
    if (event.kind === 'container.die' || event.kind === 'container.kill') down = true;
    else if (event.kind === 'container.start' && down) {
      restarts++;
      down = false;
    }
  }
  return restarts;
}

function foldedRow(run: OpsEvent[], minRestarts: number): EventRow[] {
  const oldestFirst = [...run].reverse();
  const restarts = countRestarts(oldestFirst);
  if (restarts < minRestarts) return run.map((event) => ({ type: 'event', key: `event-${event.id}`, event }));
  const newest = run[0];
  const oldest = run[run.length - 1];
  const spanMs = newest.at - oldest.at;
  const words = `restarted ${restarts} ${restarts === 1 ? 'time' : 'times'} in ${formatSpan(spanMs)}`;
  const severity = run.reduce<EventSeverity>((worst, e) => (SEVERITY_RANK[e.severity] > SEVERITY_RANK[worst] ? e.severity : worst), 'info');
  return [
    {
      type: 'restarts',
      key: `restarts-${oldest.id}`,
      subject: newest.subject,
      restarts,
      at: newest.at,
      firstAt: oldest.at,
      spanMs,
      severity,
      message: `${newest.subject} ${words}`,
      words,
      events: run,
    },
  ];
}

/**
 * Folds the events (newest first, as the store lists them) of one subject whose kinds are a restart
 * cycle, each within `gapMs` of the next, into one row at the place of the newest: a container in a
 * restart loop is one line, not a screen of start/exit pairs. Other events (another subject, a
 * check that changed meanwhile) stay rows of their own, in order, and do not break the flood.
 */
export function collapseEvents(events: readonly OpsEvent[], options: CollapseOptions = {}): EventRow[] {
  // Docker's restart backoff doubles up to a minute between tries: a loop at full backoff is still one flood.
  const gapMs = options.gapMs ?? 120_000;
  const minRestarts = options.minRestarts ?? 2;
  // Pass 1: each restart-cycle event joins its subject's open run, or starts one.
  const runs: OpsEvent[][] = [];
  const runOf = new Map<OpsEvent, OpsEvent[]>();
  const open = new Map<string, OpsEvent[]>();
  for (const event of events) {
    if (!RESTART_CYCLE_KINDS.has(event.kind)) continue;
    let run = open.get(event.subject);
    const previous = run?.[run.length - 1];
    if (!run || !previous || Math.abs(previous.at - event.at) > gapMs) {
      run = [];
      runs.push(run);
      open.set(event.subject, run);
    }
    run.push(event);
    runOf.set(event, run);
  }
  // Pass 2: a run with enough restarts is one row where its newest event was; the rest pass through.
  const folded = new Map<OpsEvent[], EventRow>();
  for (const run of runs) {
    const [row] = foldedRow(run, minRestarts);
    if (run.length > 1 && row.type === 'restarts') folded.set(run, row);
  }
  const rows: EventRow[] = [];
  for (const event of events) {
    const run = runOf.get(event);
    const row = run ? folded.get(run) : undefined;
    if (!row) rows.push({ type: 'event', key: `event-${event.id}`, event });
    else if (run![0] === event) rows.push(row);
  }
  return rows;
}
