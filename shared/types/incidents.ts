import type { AlertSeverity } from './alerts';

export type IncidentState = 'open' | 'resolved';

/** One incident as listed: what broke, how bad, how long to acknowledge and to recover. */
export interface IncidentSummary {
  id: number;
  title: string;
  /** The worst severity any of its alerts reached. */
  severity: AlertSeverity;
  state: IncidentState;
  /** The shared group of its alerts (`stack:demo`), or the first alert's key. */
  group: string;
  openedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
  /** `auto` when its last alert resolved, else who resolved it. */
  resolvedBy: string | null;
  /** Time to acknowledge / to recover, ms (null until then). */
  ttaMs: number | null;
  ttrMs: number | null;
  /** Alerts that joined it, and how many still fire. */
  alertCount: number;
  firingCount: number;
  /** Alert kinds it holds (runbooks and actions are linked by kind). */
  kinds: string[];
}

export type TimelineEntryType =
  | 'opened'
  | 'alert-fired'
  | 'alert-escalated'
  | 'alert-resolved'
  | 'event'
  | 'runbook'
  | 'action'
  | 'notification'
  | 'note'
  | 'acknowledged'
  | 'resolved'
  | 'reopened';

export interface TimelineEntry {
  id: number;
  at: number;
  type: TimelineEntryType;
  text: string;
  /** Who did it (`app`, `dashboard`, `cli`, `opsbar`). */
  actor: string;
  details: Record<string, unknown>;
}

export interface IncidentAlertRef {
  key: string;
  kind: string;
  subject: string;
  label: string;
  severity: AlertSeverity;
  joinedAt: number;
  resolvedAt: number | null;
}

export interface IncidentDetail extends IncidentSummary {
  alerts: IncidentAlertRef[];
  timeline: TimelineEntry[];
  /** Runbooks whose triggers name its alert kinds (ids and titles). */
  runbooks: { id: string; title: string }[];
}

/** One week of incidents (Monday 00:00 local, epoch ms): how many opened and their mean time to recover. */
export interface IncidentWeek {
  weekStart: number;
  opened: number;
  resolved: number;
  mttrMs: number | null;
}
