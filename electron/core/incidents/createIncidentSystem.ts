import type { Settings } from '../../../shared/config/settingsSchema';
import type { LiveMessage } from '../../../shared/api/live';
import type { OpsEvent } from '../../../shared/types/events';
import type { IncidentDetail } from '../../../shared/types/incidents';
import type { NotificationMessage } from '../../../shared/types/notifications';
import type { RunHead } from '../../../shared/types/runbooks';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { AuditEntry } from '../store/auditLog';
import type { IncidentLog, IncidentRow } from '../store/incidentLog';
import { NotFoundError } from '../api/dispatcher';
import { actionEnded, actionEntryText, relievesIncident } from './actionTimelineEntry';
import { formatSpan, IncidentLifecycle } from './incidentLifecycle';
import type { IncidentSystem } from './incidentSystem';
import { IncidentTimeline } from './incidentTimeline';
import { detailOf, summaryOf, weeklyStats } from './incidentViews';

export interface IncidentSystemDeps {
  settings(): Settings;
  clock: Clock;
  log: Logger;
  /** A getter: the store may move from memory to the file. */
  store(): IncidentLog;
  publish(message: LiveMessage): void;
  audit(entry: AuditEntry): void;
  /** Runbooks whose triggers name any of these alert kinds. */
  runbooksFor(kinds: readonly string[]): { id: string; title: string }[];
  /** Tells the alert engine which incident an alert belongs to (null: none any more). */
  linkAlert(key: string, incidentId: number | null): void;
  role: 'app' | 'cli';
}

const FINAL_RUN_STATES: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);

/**
 * Incidents in SQLite: every read goes to the table (the CLI and the app share the file), and
 * every change is published. A failure to record never reaches the alert engine: it is logged.
 */
export function createIncidentSystem(deps: IncidentSystemDeps): IncidentSystem {
  const timeline = new IncidentTimeline(deps.store);
  const lifecycle = new IncidentLifecycle({
    log: deps.store,
    timeline,
    joinWindowMs: () => deps.settings().alerts.incidentJoinWindow,
    linkAlert: (key, id) => guard('link an alert to its incident', () => deps.linkAlert(key, id)),
  });
  /** Runbook runs and action runs whose start or end is already on an incident's timeline: both publish every step. */
  const runsRecorded = new Set<string>();

  function guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      deps.log.warn(`incidents: could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function publish(ids: Iterable<number>): void {
    const log = deps.store();
    for (const id of new Set(ids)) {
      const row = log.get(id);
      if (row) guard('publish an incident', () => deps.publish({ type: 'incident', incident: summaryOf(row, log.alerts(id)) }));
    }
  }

  function rowOf(id: number): IncidentRow {
    const row = deps.store().get(id);
    if (!row) throw new NotFoundError(`No incident ${id}.`);
    return row;
  }

  const detail = (id: number): IncidentDetail => detailOf(deps.store(), rowOf(id), deps.runbooksFor);

  function operatorAction(id: number, actor: string, action: string, details: Record<string, unknown>, change: (row: IncidentRow, at: number) => boolean): IncidentDetail {
    const row = rowOf(id);
    const at = deps.clock.now();
    const changed = deps.store().transaction(() => change(row, at));
    if (changed) {
      deps.audit({ at, actor, action, target: `incident #${id}`, outcome: 'succeeded', details: { title: row.title, ...details } });
      publish([id]);
    }
    return detail(id);
  }

  /** Open incidents an event is about: one of their alerts' subjects, or their stack (`project` attribute). */
  function incidentsAbout(event: OpsEvent): IncidentRow[] {
    const log = deps.store();
    const project = event.attributes?.project;
    return log.openIncidents().filter((row) => (project !== undefined && row.group === `stack:${project}`) || log.alerts(row.id).some((ref) => ref.subject === event.subject));
  }

  return {
    onTransitions(transitions) {
      const changed: number[] = [];
      for (const transition of transitions) guard(`record the alert ${transition.alert.key}`, () => changed.push(...lifecycle.apply(transition)));
      publish(changed);
    },

    onEvent(event) {
      guard(`record the event ${event.kind}`, () => {
        const about = incidentsAbout(event);
        // One clock: an event stamped ahead of ours (Docker's clock) is placed at our now.
        const at = Math.min(event.at, deps.clock.now());
        for (const row of about) timeline.addEvent(row.id, event, at);
        publish(about.map((row) => row.id));
      });
    },

    onRunbookRun(run: RunHead) {
      guard(`record runbook run #${run.id}`, () => {
        const ended = FINAL_RUN_STATES.has(run.state) || run.endedAt !== null;
        const phase = ended ? 'end' : 'start';
        const changed: number[] = [];
        for (const row of deps.store().openIncidents()) {
          const kinds = [...new Set(deps.store().alerts(row.id).map((ref) => ref.kind))];
          if (!deps.runbooksFor(kinds).some((runbook) => runbook.id === run.runbookId)) continue;
          const key = `${row.id}:${run.id}:${phase}`;
          if (runsRecorded.has(key)) continue;
          runsRecorded.add(key);
          const text = ended ? `Runbook ${run.runbookTitle} ${run.state} (run #${run.id}): ${run.summary}` : `Runbook ${run.runbookTitle} started (run #${run.id}, ${run.trigger})`;
          timeline.add(row.id, { at: ended ? (run.endedAt ?? deps.clock.now()) : run.startedAt, type: 'runbook', text, actor: run.startedBy, details: { runId: run.id, runbookId: run.runbookId, state: run.state } });
          changed.push(row.id);
        }
        publish(changed);
      });
    },

    onActionRun(outcome, plan) {
      guard(`record emergency action ${plan.id}`, () => {
        const ended = actionEnded(outcome);
        const phase = ended ? 'end' : 'start';
        const changed: number[] = [];
        for (const row of deps.store().openIncidents()) {
          const kinds = [...new Set(deps.store().alerts(row.id).map((ref) => ref.kind))];
          if (!relievesIncident(plan, kinds, row.group)) continue;
          // The framework reports every item's outcome too: one entry when it starts, one when it ends.
          const key = `${row.id}:action:${plan.id}:${phase}`;
          if (runsRecorded.has(key)) continue;
          runsRecorded.add(key);
          const at = ended ? (outcome.finishedAt ?? deps.clock.now()) : outcome.startedAt;
          const details = { planId: plan.id, action: plan.action, state: outcome.state, items: outcome.items.length, figures: outcome.verified?.figures ?? {} };
          timeline.add(row.id, { at, type: 'action', text: actionEntryText(outcome, plan), actor: outcome.actor, details });
          changed.push(row.id);
        }
        publish(changed);
      });
    },

    onNotification(message: NotificationMessage) {
      guard(`record notification ${message.id}`, () => {
        const id = message.incidentId ?? (message.alertKey ? (deps.store().openOfAlert(message.alertKey)?.id ?? null) : null);
        if (id === null || !deps.store().get(id)) return;
        timeline.add(id, { at: message.at, type: 'notification', text: `Notified (${message.reason}): ${message.title}`, actor: 'opsbar', details: { notificationId: message.id, reason: message.reason, severity: message.severity } });
        publish([id]);
      });
    },

    list({ state, limit }) {
      const log = deps.store();
      return log.list(state, limit).map((row) => summaryOf(row, log.alerts(row.id)));
    },

    get: detail,

    ack(id, actor) {
      return operatorAction(id, actor, 'incident.ack', {}, (row, at) => {
        if (row.acknowledgedAt !== null) return false;
        deps.store().update(id, { acknowledgedAt: at, acknowledgedBy: actor });
        timeline.add(id, { at, type: 'acknowledged', text: `Acknowledged by ${actor} after ${formatSpan(at - row.openedAt)}`, actor, details: { ttaMs: at - row.openedAt } });
        return true;
      });
    },

    resolve(id, actor, note) {
      const text = note?.trim() ?? '';
      return operatorAction(id, actor, 'incident.resolve', text ? { note: text } : {}, (row, at) => {
        if (row.state === 'resolved') return false;
        const log = deps.store();
        const firing = log.alerts(id).filter((ref) => ref.resolvedAt === null);
        log.update(id, { state: 'resolved', resolvedAt: at, resolvedBy: actor, lastActivityAt: at });
        const still = firing.length ? ` ${firing.length === 1 ? 'Its alert' : `${firing.length} of its alerts`} (${firing.map((ref) => ref.label).join(', ')}) still fire and may open or reopen an incident.` : '';
        timeline.add(id, { at, type: 'resolved', text: `Resolved by ${actor}${text ? `: ${text}` : ''}.${still}`, actor, details: { ttrMs: at - row.openedAt, stillFiring: firing.map((ref) => ref.key), ...(text ? { note: text } : {}) } });
        for (const ref of firing) guard('unlink an alert', () => deps.linkAlert(ref.key, null));
        return true;
      });
    },

    note(id, text, actor) {
      return operatorAction(id, actor, 'incident.note', { note: text }, (_row, at) => {
        timeline.add(id, { at, type: 'note', text, actor, details: {} });
        return true;
      });
    },

    weekly(weeks) {
      const now = deps.clock.now();
      const rows = deps.store().activeSince(now - (weeks + 1) * 7 * 86_400_000);
      return weeklyStats(rows, now, weeks);
    },

    forAlert(key) {
      const row = deps.store().openOfAlert(key);
      return row ? { id: row.id, acknowledged: row.acknowledgedAt !== null } : null;
    },
  };
}
