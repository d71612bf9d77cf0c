import type { AlertSystem } from '../alerts/alertSystem';
import type { IncidentSystem } from '../incidents/incidentSystem';
import type { NotificationSystem } from '../notifications/notificationSystem';
import type { AuditLog } from '../store/auditLog';
import type { ApiHandlers, CallContext } from './dispatcher';

type AlertMethod =
  | 'alerts.list'
  | 'silences.list'
  | 'silences.add'
  | 'silences.remove'
  | 'incidents.list'
  | 'incidents.get'
  | 'incidents.ack'
  | 'incidents.resolve'
  | 'incidents.note'
  | 'incidents.weekly'
  | 'notifications.channels'
  | 'notifications.test'
  | 'notifications.recent'
  | 'audit.list';

export interface AlertHandlerDeps {
  alerts: AlertSystem;
  incidents: IncidentSystem;
  notifications: NotificationSystem;
  audit(): AuditLog;
  now(): number;
}

const actorOf = (context?: CallContext): string => context?.caller ?? 'app';

/** Alerts, silences, incidents, notifications and the audit trail: one line per method. */
export function alertApiHandlers(deps: AlertHandlerDeps): Pick<ApiHandlers, AlertMethod> {
  return {
    'alerts.list': () => deps.alerts.snapshot(),
    'silences.list': () => deps.alerts.silences.list(),
    'silences.add': (p, context) =>
      deps.alerts.silences.add({ kind: p.kind, subject: p.subject ?? null, until: deps.now() + p.forMs, reason: p.reason, createdBy: actorOf(context) }),
    'silences.remove': (p, context) => ({ removed: deps.alerts.silences.remove(p.id, actorOf(context)) }),
    'incidents.list': (p) => deps.incidents.list(p),
    'incidents.get': (p) => deps.incidents.get(p.id),
    'incidents.ack': (p, context) => deps.incidents.ack(p.id, actorOf(context)),
    'incidents.resolve': (p, context) => deps.incidents.resolve(p.id, actorOf(context), p.note),
    'incidents.note': (p, context) => deps.incidents.note(p.id, p.text, actorOf(context)),
    'incidents.weekly': (p) => deps.incidents.weekly(p.weeks),
    'notifications.channels': () => deps.notifications.channels(),
    'notifications.test': (p, context) => deps.notifications.test(p.channel, actorOf(context)),
    'notifications.recent': (p) => deps.notifications.recent(p.limit),
    'audit.list': (p) => deps.audit().query(p),
  };
}
