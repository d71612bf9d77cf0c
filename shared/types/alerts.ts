import type { ModuleId } from './status';

/**
 * How urgent an alert is. Emergency means act now (disk almost full, an OOM kill, a configured
 * model server down for minutes). The seeds' priorities: emergency P0, critical P1, warning P2, info P3.
 */
export const ALERT_SEVERITIES = ['info', 'warning', 'critical', 'emergency'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2, emergency: 3 };

export function alertSeverityRank(value: AlertSeverity): number {
  return RANK[value];
}

/** The worst of several alert severities; null for none. */
export function worstAlertSeverity(values: Iterable<AlertSeverity>): AlertSeverity | null {
  let worst: AlertSeverity | null = null;
  for (const value of values) if (worst === null || RANK[value] > RANK[worst]) worst = value;
  return worst;
}

/** The seeds' priority of a severity: emergency → P0 … info → P3. */
export function priorityOf(severity: AlertSeverity): 'P0' | 'P1' | 'P2' | 'P3' {
  return (['P3', 'P2', 'P1', 'P0'] as const)[RANK[severity]];
}

/**
 * A threshold condition's reading, so recovery can ask for a margin: a disk that fired below
 * 15 % free clears only above 15 + margin. `direction: 'below'` means lower is worse (free space).
 */
export interface AlertMeasure {
  value: number;
  direction: 'above' | 'below';
  warning?: number;
  critical?: number;
  emergency?: number;
  /** e.g. "%" or "°C": for summaries. */
  unit?: string;
}

/**
 * What holds right now for one (kind, subject): derived from the modules' checks and from events
 * (restart loops, OOM kills). `severity: null` means the condition does not hold by its
 * thresholds (still sent for measured kinds, so a firing alert can wait for its margin).
 */
export interface AlertCondition {
  /** Alert kind, e.g. `disk.free`, `container.restart_loop`: the rules and runbook triggers name it. */
  kind: string;
  /** What it is about: a check id (`disk:/`), a container name, an endpoint URL. */
  subject: string;
  module: ModuleId | 'opsbar';
  label: string;
  summary: string;
  severity: AlertSeverity | null;
  /** Related alerts share a group and join one incident: `stack:<name>`, `gpu:<index>`, `endpoint:<url>`, `disk:<mount>`. */
  group: string | null;
  measure?: AlertMeasure;
  /** e.g. restarts in the window, for "restarted 6 times in 10 min". */
  count?: number;
}

export type AlertStateName = 'inactive' | 'pending' | 'firing' | 'resolved';

/** One alert's state as shown (UI, CLI, /metrics). `key` is `kind|subject`. */
export interface AlertView {
  key: string;
  kind: string;
  subject: string;
  module: ModuleId | 'opsbar';
  label: string;
  summary: string;
  state: AlertStateName;
  /** The severity it is pending or firing at (for resolved: the worst it reached). */
  severity: AlertSeverity;
  group: string | null;
  /** When the condition started to hold (pending began). */
  since: number;
  firedAt: number | null;
  /** While pending: when it fires if the condition keeps holding (`since` + the rule's `for`). */
  firesAt?: number | null;
  resolvedAt: number | null;
  /** While firing: since when the condition has been clear (recovery waits for `clearFor`). */
  clearSince: number | null;
  /** Last time the condition was evaluated for this alert. */
  lastSeenAt: number;
  /** Transitions within the flapping window, and whether it is flapping now. */
  transitions: number;
  flapping: boolean;
  /** A silence that holds back its notifications, if any. */
  silence: { id: number; until: number; reason: string } | null;
  incidentId: number | null;
  count?: number;
  /** Runbooks whose triggers name the kind (ids), for the tray and the pages. */
  runbooks: string[];
}

export interface AlertsSnapshot {
  at: number;
  /** Pending, firing, and resolved within the last hour; worst first. */
  alerts: AlertView[];
  /** The worst firing alert's severity (the tray's colour), null when nothing fires. */
  worstFiring: AlertSeverity | null;
}

/** What changed for one alert at one evaluation (what incidents and notifications consume). */
export interface AlertTransition {
  at: number;
  change: 'pending' | 'fired' | 'escalated' | 'deescalated' | 'resolved' | 'cancelled' | 'flapping' | 'stable';
  alert: AlertView;
  previousSeverity: AlertSeverity | null;
}

/** Holds back notifications for a kind (and optionally one subject) until `until`. */
export interface Silence {
  id: number;
  kind: string;
  /** Null: every subject of the kind. */
  subject: string | null;
  until: number;
  reason: string;
  createdAt: number;
  createdBy: string;
}

export type NewSilence = Omit<Silence, 'id' | 'createdAt'>;
