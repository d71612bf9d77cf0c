import { alertSeverityRank, type AlertTransition, type AlertView } from '../../../shared/types/alerts';
import type { IncidentLog, IncidentRow } from '../store/incidentLog';
import type { IncidentTimeline } from './incidentTimeline';

export interface LifecycleDeps {
  log(): IncidentLog;
  timeline: IncidentTimeline;
  /** `alerts.incidentJoinWindow`, ms. */
  joinWindowMs(): number;
  linkAlert(key: string, incidentId: number | null): void;
}

const TITLE_MAX = 200;

/**
 * "demo-loop restarted 6 times in 10 min" (a summary that names its subject stands alone),
 * "Disk / — 3.1 GB free (98% used)" (one that does not gets the label in front).
 */
export function titleOf(alert: AlertView): string {
  const summary = alert.summary.trim();
  const named = summary.startsWith(alert.label) || (alert.subject !== '' && summary.startsWith(alert.subject));
  const title = !summary ? alert.label : named ? summary : `${alert.label} — ${summary}`;
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

export const groupOf = (alert: AlertView): string => alert.group ?? alert.key;

/**
 * Opens, joins, reopens and resolves incidents from the alert engine's transitions. Returns the
 * ids of the incidents that changed (the caller publishes them).
 *
 * A firing alert joins, in order: the open incident it is already in; else its group's latest
 * incident if that is open and still active (an alert of it fires, or its last activity is within
 * the join window), or resolved within the join window (reopened: one outage that paused is one
 * incident, so its time to recover spans it all); else a new incident.
 */
export class IncidentLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  apply(transition: AlertTransition): number[] {
    const { alert } = transition;
    switch (transition.change) {
      case 'fired':
        return this.fired(transition);
      case 'escalated':
        return this.escalated(transition);
      case 'resolved':
        return this.resolved(transition);
      case 'flapping': {
        const incident = this.deps.log().openOfAlert(alert.key);
        if (!incident) return [];
        this.deps.timeline.add(incident.id, { at: transition.at, type: 'event', text: `${alert.label} is flapping (${alert.transitions} changes)`, actor: 'opsbar', details: { key: alert.key, flapping: true } });
        return [incident.id];
      }
      default:
        return [];
    }
  }

  private fired(transition: AlertTransition): number[] {
    const { alert, at } = transition;
    if (alert.severity === 'info') return [];
    const log = this.deps.log();
    const joined = log.transaction(() => {
      const incident = this.target(alert, at);
      const isNew = incident === null;
      const row = incident ?? log.create({ title: titleOf(alert), severity: alert.severity, group: groupOf(alert), at });
      if (isNew) this.deps.timeline.add(row.id, { at, type: 'opened', text: `Opened: ${row.title}`, actor: 'opsbar', details: { key: alert.key } });
      if (row.state === 'resolved') {
        log.update(row.id, { state: 'open', resolvedAt: null, resolvedBy: null });
        this.deps.timeline.add(row.id, { at, type: 'reopened', text: `Reopened: ${alert.label} fired again within the join window`, actor: 'opsbar', details: { key: alert.key } });
      }
      log.joinAlert(row.id, { key: alert.key, kind: alert.kind, subject: alert.subject, label: alert.label, severity: alert.severity, joinedAt: at });
      const worse = alertSeverityRank(alert.severity) > alertSeverityRank(row.severity);
      log.update(row.id, { lastActivityAt: at, ...(worse ? { severity: alert.severity } : {}) });
      this.deps.timeline.add(row.id, { at, type: 'alert-fired', text: `${alert.label} fired (${alert.severity}): ${alert.summary}`, actor: 'opsbar', details: { key: alert.key, severity: alert.severity } });
      return row.id;
    });
    this.deps.linkAlert(alert.key, joined);
    return [joined];
  }

  /** The incident a firing alert goes to, or null for a new one. */
  private target(alert: AlertView, at: number): IncidentRow | null {
    const log = this.deps.log();
    const own = log.openOfAlert(alert.key);
    if (own) return own;
    const latest = log.latestOfGroup(groupOf(alert));
    if (!latest) return null;
    const recent = at - latest.lastActivityAt <= this.deps.joinWindowMs();
    if (latest.state === 'resolved') return recent ? latest : null;
    const stillFiring = log.alerts(latest.id).some((ref) => ref.resolvedAt === null);
    return stillFiring || recent ? latest : null;
  }

  private escalated(transition: AlertTransition): number[] {
    const { alert, at } = transition;
    const log = this.deps.log();
    const incident = log.openOfAlert(alert.key);
    // Fired at info (no incident), or its incident was resolved by hand: escalation is news, like a firing.
    if (!incident) return this.fired(transition);
    log.transaction(() => {
      log.setAlertSeverity(incident.id, alert.key, alert.severity);
      const worse = alertSeverityRank(alert.severity) > alertSeverityRank(incident.severity);
      log.update(incident.id, { lastActivityAt: at, ...(worse ? { severity: alert.severity } : {}) });
      const from = transition.previousSeverity ? ` from ${transition.previousSeverity}` : '';
      this.deps.timeline.add(incident.id, { at, type: 'alert-escalated', text: `${alert.label} escalated${from} to ${alert.severity}: ${alert.summary}`, actor: 'opsbar', details: { key: alert.key, severity: alert.severity } });
    });
    return [incident.id];
  }

  /** Marks the alert resolved wherever it is unresolved; an open incident whose alerts all resolved resolves (`auto`). */
  private resolved(transition: AlertTransition): number[] {
    const { alert, at } = transition;
    const log = this.deps.log();
    const changed = log.transaction(() => {
      const ids: number[] = [];
      for (const id of log.unresolvedOfAlert(alert.key)) {
        if (!log.resolveAlert(id, alert.key, at)) continue;
        ids.push(id);
        const incident = log.get(id) as IncidentRow;
        this.deps.timeline.add(id, { at, type: 'alert-resolved', text: `${alert.label} resolved`, actor: 'opsbar', details: { key: alert.key } });
        if (incident.state !== 'open') continue;
        log.update(id, { lastActivityAt: at });
        if (log.alerts(id).some((ref) => ref.resolvedAt === null)) continue;
        log.update(id, { state: 'resolved', resolvedAt: at, resolvedBy: 'auto' });
        this.deps.timeline.add(id, { at, type: 'resolved', text: `Resolved: all its alerts resolved (time to recover ${formatSpan(at - incident.openedAt)})`, actor: 'opsbar', details: { ttrMs: at - incident.openedAt } });
      }
      return ids;
    });
    if (changed.length) this.deps.linkAlert(alert.key, null);
    return changed;
  }
}

/** 754000 → "12 min 34 s" (timeline text; the numbers are in details). */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}
