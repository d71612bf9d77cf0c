// Alerts, incidents, notification channels and audit rows for component tests: a restart loop in the demo stack.
import type { AlertView, AlertsSnapshot } from '../../shared/types/alerts';
import type { AuditRecord } from '../../shared/types/audit';
import type { IncidentDetail, IncidentSummary, IncidentWeek } from '../../shared/types/incidents';
import type { ChannelView, NotificationMessage } from '../../shared/types/notifications';
import { firingAlertView } from '../support/alertViews';

/** Relative to the real clock: the pages say "12 min ago" against Date.now(). */
export const at = (msAgo: number): number => Date.now() - msAgo;
const MIN = 60_000;

export function alertView(overrides: Partial<AlertView> = {}): AlertView {
  return firingAlertView(overrides.kind ?? 'container.restart_loop', overrides.subject ?? 'demo-loop', {
    module: 'docker',
    label: 'Container demo-loop',
    summary: 'restarted 6 times in 10 min',
    severity: 'critical',
    group: 'stack:demo',
    since: at(14 * MIN),
    firedAt: at(12 * MIN),
    lastSeenAt: at(5_000),
    incidentId: 7,
    count: 6,
    runbooks: ['model-server-down'],
    ...overrides,
  });
}

export function alertsSnapshot(alerts: AlertView[], atMs = Date.now()): AlertsSnapshot {
  return { at: atMs, alerts, worstFiring: alerts.some((a) => a.state === 'firing') ? 'critical' : null };
}

export function incidentSummary(overrides: Partial<IncidentSummary> = {}): IncidentSummary {
  return {
    id: 7,
    title: 'demo-loop is in a restart loop',
    severity: 'critical',
    state: 'open',
    group: 'stack:demo',
    openedAt: at(12 * MIN),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    ttaMs: null,
    ttrMs: null,
    alertCount: 2,
    firingCount: 1,
    kinds: ['container.restart_loop', 'container.unhealthy'],
    ...overrides,
  };
}

export function incidentDetail(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  const summary = incidentSummary(overrides);
  return {
    ...summary,
    alerts: [
      { key: 'container.restart_loop|demo-loop', kind: 'container.restart_loop', subject: 'demo-loop', label: 'Container demo-loop', severity: 'critical', joinedAt: summary.openedAt, resolvedAt: null },
      { key: 'container.unhealthy|demo-api', kind: 'container.unhealthy', subject: 'demo-api', label: 'Container demo-api', severity: 'warning', joinedAt: summary.openedAt + MIN, resolvedAt: at(2 * MIN) },
    ],
    timeline: [
      { id: 1, at: summary.openedAt, type: 'opened', text: 'Opened: demo-loop is in a restart loop', actor: 'opsbar', details: {} },
      { id: 2, at: summary.openedAt, type: 'alert-fired', text: 'Container demo-loop restarted 6 times in 10 min', actor: 'opsbar', details: {} },
      { id: 3, at: summary.openedAt + 30_000, type: 'notification', text: 'Notified: desktop, webhook:ops', actor: 'opsbar', details: {} },
      { id: 4, at: summary.openedAt + 2 * MIN, type: 'note', text: 'Looking at the logs', actor: 'dashboard', details: {} },
    ],
    runbooks: [{ id: 'model-server-down', title: 'Model server down' }],
    ...overrides,
  };
}

export function incidentWeeks(): IncidentWeek[] {
  const week = 7 * 86_400_000;
  const start = Date.UTC(2026, 8, 7);
  return [3, 0, 5, 2].map((opened, i) => ({ weekStart: start + i * week, opened, resolved: opened, mttrMs: opened === 0 ? null : (i + 1) * 4 * MIN }));
}

export function channelView(overrides: Partial<ChannelView> = {}): ChannelView {
  return {
    id: 'webhook:ops',
    kind: 'json',
    name: 'ops',
    enabled: true,
    target: 'https://hooks.example.com/…',
    minSeverity: 'warning',
    lastDelivery: { at: at(2 * MIN), notificationId: 'n-1', reason: 'firing', ok: true, status: 200, error: null, attempt: 1 },
    retryAt: null,
    ...overrides,
  };
}

export function notificationMessage(overrides: Partial<NotificationMessage> = {}): NotificationMessage {
  return {
    id: 'n-42',
    at: Date.now(),
    reason: 'firing',
    severity: 'critical',
    title: 'Critical: demo-loop restart loop',
    body: 'demo-loop restarted 6 times in 10 min',
    alertKey: 'container.restart_loop|demo-loop',
    kind: 'container.restart_loop',
    subject: 'demo-loop',
    incidentId: 7,
    host: 'studio.local',
    ...overrides,
  };
}

export function auditRecord(id: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id,
    at: at(id * MIN),
    actor: 'dashboard',
    action: 'silence.add',
    target: 'container.restart_loop:demo-loop',
    outcome: 'succeeded',
    details: { reason: 'deploying', forMs: 7_200_000 },
    ...overrides,
  };
}
