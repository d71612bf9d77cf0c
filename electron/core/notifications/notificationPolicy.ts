import type { AlertSeverity, AlertTransition, AlertView, Silence } from '../../../shared/types/alerts';
import { alertSeverityRank } from '../../../shared/types/alerts';
import type { OpsEvent } from '../../../shared/types/events';
import type { NotificationReason } from '../../../shared/types/notifications';
import type { Settings } from '../../../shared/config/settingsSchema';
import { inQuietHours } from './quietHours';

/** What the policy decided to say about one alert (the system turns it into a message). */
export interface AlertNotice {
  reason: Exclude<NotificationReason, 'runbook' | 'test'>;
  severity: AlertSeverity;
  alert: AlertView;
  previousSeverity: AlertSeverity | null;
}

/** Per alert key: what was said about it, so recovery and repeats know. */
export interface AlertMemory {
  /** Its firing (or an escalation) reached the operator: a recovery is worth saying. */
  notified: boolean;
  flapping: boolean;
  severity: AlertSeverity;
  lastSentAt: number;
  alert: AlertView;
}

export type PolicyMemory = Map<string, AlertMemory>;

export interface PolicyContext {
  settings: Settings['notifications'];
  now: number;
  silenceFor(kind: string, subject: string): Silence | null;
  maintenanceActive(): boolean;
  /** Minutes since local midnight (quiet hours are local time); injected for tests. */
  minuteOfDay(now: number): number;
  /** Whether the alert's incident was acknowledged (repeats stop then). */
  acknowledged(alertKey: string): boolean;
  /** A notified firing from before a restart (the store remembers); default: none. */
  notifiedBefore?(alertKey: string): boolean;
}

const URGENT: readonly AlertSeverity[] = ['critical', 'emergency'];

/** Silences, maintenance windows and quiet hours hold back all but critical and emergency. */
export function heldBack(severity: AlertSeverity, kind: string | null, subject: string | null, ctx: PolicyContext): boolean {
  if (URGENT.includes(severity)) return false;
  if (kind !== null && subject !== null && ctx.silenceFor(kind, subject)) return true;
  if (ctx.maintenanceActive()) return true;
  const quiet = ctx.settings.quietHours;
  return quiet.enabled && inQuietHours(ctx.minuteOfDay(ctx.now), quiet.start, quiet.end);
}

function atLeast(severity: AlertSeverity, min: AlertSeverity): boolean {
  return alertSeverityRank(severity) >= alertSeverityRank(min);
}

/**
 * Pure apart from `memory`, which it updates: the notices due for one evaluation's transitions.
 * Fired, escalated, flapping (once; then nothing for that alert until stable) and resolved (only
 * when `recovery` is on and its firing was notified). A held-back notice is dropped, never sent later.
 */
export function decideTransitions(transitions: readonly AlertTransition[], memory: PolicyMemory, ctx: PolicyContext): AlertNotice[] {
  const notices: AlertNotice[] = [];
  for (const t of transitions) {
    const key = t.alert.key;
    const known = memory.get(key);
    const severity = t.alert.severity;
    const say = (reason: AlertNotice['reason']): boolean => {
      if (!atLeast(severity, ctx.settings.minSeverity) || heldBack(severity, t.alert.kind, t.alert.subject, ctx)) return false;
      notices.push({ reason, severity, alert: t.alert, previousSeverity: t.previousSeverity });
      return true;
    };
    const remember = (patch: Partial<AlertMemory>): void => {
      const base: AlertMemory = known ?? { notified: false, flapping: false, severity, lastSentAt: 0, alert: t.alert };
      memory.set(key, { ...base, severity, alert: t.alert, ...patch });
    };
    // A flapping alert stays remembered (quiet) until it is stable, even while it is clear.
    const forget = (k: string): void => {
      if (known?.flapping) memory.set(k, { ...known, notified: false, alert: t.alert });
      else memory.delete(k);
    };
    switch (t.change) {
      case 'fired':
      case 'escalated': {
        if (known?.flapping) {
          remember({});
          break;
        }
        const sent = say(t.change === 'fired' ? 'firing' : 'escalated');
        remember(sent ? { notified: true, lastSentAt: ctx.now } : {});
        break;
      }
      case 'deescalated':
        if (known) remember({});
        break;
      case 'flapping':
        if (known?.flapping) break;
        remember({ flapping: true, ...(say('flapping') ? { lastSentAt: ctx.now } : {}) });
        break;
      case 'stable':
        if (known && t.alert.state !== 'firing') memory.delete(key);
        else if (known) remember({ flapping: false });
        break;
      case 'resolved': {
        const notified = known ? known.notified : (ctx.notifiedBefore?.(key) ?? false);
        if (!known?.flapping && ctx.settings.recovery && notified) say('recovered');
        forget(key);
        break;
      }
      case 'cancelled':
        forget(key);
        break;
      case 'pending':
        break;
    }
  }
  return notices;
}

/** Unacknowledged critical and emergency alerts whose last notice is `repeatCritical` old. */
export function decideRepeats(memory: PolicyMemory, ctx: PolicyContext): AlertNotice[] {
  const every = ctx.settings.repeatCritical;
  if (every <= 0) return [];
  const notices: AlertNotice[] = [];
  for (const [key, m] of memory) {
    if (!m.notified || m.flapping || !URGENT.includes(m.severity) || ctx.now - m.lastSentAt < every) continue;
    if (ctx.acknowledged(key) || !atLeast(m.severity, ctx.settings.minSeverity)) continue;
    m.lastSentAt = ctx.now;
    notices.push({ reason: 'repeat', severity: m.severity, alert: m.alert, previousSeverity: null });
  }
  return notices;
}

/** Runbook news (a scheduled run failed, waits, was missed): `runbook.*` of warning or critical. */
export function decideRunbookEvent(event: OpsEvent, ctx: PolicyContext): AlertSeverity | null {
  if (!event.kind.startsWith('runbook.') || event.severity === 'info') return null;
  const severity: AlertSeverity = event.severity;
  if (!atLeast(severity, ctx.settings.minSeverity) || heldBack(severity, null, null, ctx)) return null;
  return severity;
}
