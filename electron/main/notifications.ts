import type { LiveMessage } from '../../shared/api/live';
import type { OpsEvent } from '../../shared/types/events';
import { severityRank, type Severity } from '../../shared/types/severity';
import type { StatusCheck, StatusSnapshot } from '../../shared/types/status';
import type { Logger } from '../core/logger';
import type { OpsbarCore } from '../core/opsbarCore';
import { menuText, severityLabel } from './trayMenu';

/** Per check: when it last caused a notification, and at which severity. */
export type NotifyState = ReadonlyMap<string, { at: number; severity: Severity }>;

export interface NotifyPolicy {
  /** A check notifies again at the same severity only after this long (default 15 minutes). */
  perCheckIntervalMs: number;
  /** Lines in the body before "…and N more". */
  maxLines: number;
}

export const DEFAULT_NOTIFY_POLICY: NotifyPolicy = { perCheckIntervalMs: 15 * 60_000, maxLines: 3 };

export interface NotificationContent {
  title: string;
  body: string;
  checkIds: string[];
}

const ALERTING: readonly Severity[] = ['warning', 'critical'];
const OVERALL_KEY = '(overall)';

/**
 * Pure: notify when the overall severity rose to warning or critical. The body names the
 * checks that got worse; a check that already notified at this severity within the interval
 * is left out (an escalation, warning → critical, always gets through). Nothing left → no
 * notification, so a flapping check cannot spam the desktop.
 */
export function decideNotification(
  previous: StatusSnapshot | null,
  next: StatusSnapshot,
  state: NotifyState,
  now: number,
  policy: NotifyPolicy = DEFAULT_NOTIFY_POLICY,
): { notification: NotificationContent | null; state: NotifyState } {
  const before: Severity = previous?.overall ?? 'unknown';
  if (!ALERTING.includes(next.overall) || severityRank(next.overall) <= severityRank(before)) return { notification: null, state };
  if (silencedByMaintenance(next, next.overall)) return { notification: null, state };

  const previousById = new Map((previous?.checks ?? []).map((c) => [c.id, c.severity] as const));
  const alerting = next.checks.filter((c) => ALERTING.includes(c.severity));
  const worsened = alerting.filter((c) => severityRank(c.severity) > severityRank(previousById.get(c.id) ?? 'unknown'));
  // No alerting check to name (a worse overall alone): the overall state is rate-limited as one check.
  const overallOnly: StatusCheck = { id: OVERALL_KEY, label: '', severity: next.overall, summary: '' };
  const due = (c: StatusCheck) => {
    const last = state.get(c.id);
    return !last || severityRank(c.severity) > severityRank(last.severity) || now - last.at >= policy.perCheckIntervalMs;
  };
  if (alerting.length === 0 && !due(overallOnly)) return { notification: null, state };
  const candidates = (worsened.length > 0 ? worsened : alerting).filter(due);
  if (candidates.length === 0 && alerting.length > 0) return { notification: null, state };

  const ordered = [...candidates].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const updated = new Map(state);
  for (const check of ordered.length > 0 ? ordered : [overallOnly]) updated.set(check.id, { at: now, severity: check.severity });
  return { notification: { title: `Opsbar: ${severityLabel(next.overall)}`, body: describeChecks(ordered, policy.maxLines), checkIds: ordered.map((c) => c.id) }, state: updated };
}

/** In an open maintenance window (that silences), only critical news reaches the desktop. */
export function silencedByMaintenance(status: StatusSnapshot | null, severity: Severity | OpsEvent['severity']): boolean {
  return Boolean(status?.maintenance?.active && status.maintenance.silenceNonCritical) && severity !== 'critical';
}

/**
 * Runbook news worth a desktop notification: a scheduled run that failed, waits for the
 * operator, was missed or skipped (the core records these as `runbook.*` events of warning or
 * critical severity). Pure.
 */
export function decideEventNotification(event: OpsEvent, status: StatusSnapshot | null): NotificationContent | null {
  if (!event.kind.startsWith('runbook.') || event.severity === 'info') return null;
  if (silencedByMaintenance(status, event.severity)) return null;
  return { title: `Opsbar: ${menuText(event.subject, 60)}`, body: menuText(event.message, 200), checkIds: [] };
}

function describeChecks(checks: StatusCheck[], maxLines: number): string {
  if (checks.length === 0) return 'Open the dashboard for details.';
  const lines = checks.slice(0, maxLines).map((c) => menuText(c.summary ? `${c.label} — ${c.summary}` : c.label, 120));
  if (checks.length > maxLines) lines.push(`…and ${checks.length - maxLines} more`);
  return lines.join('\n');
}

/** The slice of Electron's Notification used here. */
export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface NotificationDeps {
  core: Pick<OpsbarCore, 'status' | 'subscribe'>;
  /** `(options) => new Notification(options)`. */
  createNotification(options: { title: string; body: string }): NotificationLike;
  /** `Notification.isSupported()`. */
  isSupported(): boolean;
  onClick(): void;
  now?: () => number;
  policy?: NotifyPolicy;
  log?: Pick<Logger, 'info' | 'warn'>;
}

/** Watches live status and shows a desktop notification when it worsens. Returns a disposer. */
export function setupNotifications(deps: NotificationDeps): () => void {
  const now = deps.now ?? Date.now;
  let previous: StatusSnapshot | null = deps.core.status() ?? null;
  let state: NotifyState = new Map();
  // Held so the click handler is not garbage-collected with the notification.
  let current: NotificationLike | null = null;

  const show = (notification: NotificationContent | null) => {
    if (!notification) return;
    if (!deps.isSupported()) {
      deps.log?.info(`${notification.title}: ${notification.body.replace(/\n/g, '; ')}`);
      return;
    }
    try {
      current = deps.createNotification({ title: notification.title, body: notification.body });
      current.on('click', () => deps.onClick());
      current.show();
    } catch (error) {
      deps.log?.warn(`Could not show a notification: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const onStatus = (next: StatusSnapshot) => {
    const decision = decideNotification(previous, next, state, now(), deps.policy);
    previous = next;
    state = decision.state;
    show(decision.notification);
  };

  const unsubscribe = deps.core.subscribe((message: LiveMessage) => {
    if (message.type === 'status') onStatus(deps.core.status());
    if (message.type === 'event') show(decideEventNotification(message.event, previous));
  });
  return () => {
    unsubscribe();
    current = null;
  };
}
