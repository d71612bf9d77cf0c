import { randomUUID } from 'node:crypto';
import { alertSeverityRank, worstAlertSeverity, type AlertSeverity } from '../../../shared/types/alerts';
import type { OpsEvent } from '../../../shared/types/events';
import type { NotificationMessage } from '../../../shared/types/notifications';
import type { AlertNotice } from './notificationPolicy';

/** Messages per evaluation before the rest are summed up in one "…and N more". */
export const MAX_MESSAGES_PER_BATCH = 5;

const LABEL: Record<AlertSeverity, string> = { info: 'Info', warning: 'Warning', critical: 'Critical', emergency: 'Emergency' };

export interface MessageContext {
  now: number;
  host: string;
  incidentOf(alertKey: string): number | null;
  newId?(): string;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 1 ? 'under a minute' : m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}

function titleOf(n: AlertNotice): string {
  const label = clip(n.alert.label, 80);
  switch (n.reason) {
    case 'firing':
      return `${LABEL[n.severity]}: ${label}`;
    case 'escalated':
      return `${LABEL[n.severity]} (was ${n.previousSeverity ? LABEL[n.previousSeverity].toLowerCase() : 'lower'}): ${label}`;
    case 'recovered':
      return `Resolved: ${label}`;
    case 'flapping':
      return `Flapping: ${label}`;
    case 'repeat':
      return `Still ${LABEL[n.severity].toLowerCase()}: ${label}`;
  }
}

function bodyOf(n: AlertNotice, now: number): string {
  const summary = clip(n.alert.summary, 200);
  switch (n.reason) {
    case 'recovered':
      return `Clear again after ${minutes(now - (n.alert.firedAt ?? n.alert.since))} (was ${n.severity}). ${summary}`.trim();
    case 'flapping':
      return `${n.alert.transitions} state changes lately; no more notices for it until it is stable. ${summary}`.trim();
    case 'repeat':
      return `Firing for ${minutes(now - (n.alert.firedAt ?? n.alert.since))} and not acknowledged. ${summary}`.trim();
    default:
      return summary;
  }
}

export function alertMessage(n: AlertNotice, ctx: MessageContext): NotificationMessage {
  return {
    id: ctx.newId?.() ?? randomUUID(),
    at: ctx.now,
    reason: n.reason,
    severity: n.severity,
    title: `Opsbar: ${titleOf(n)}`,
    body: bodyOf(n, ctx.now),
    alertKey: n.alert.key,
    kind: n.alert.kind,
    subject: n.alert.subject,
    incidentId: n.alert.incidentId ?? ctx.incidentOf(n.alert.key),
    host: ctx.host,
  };
}

/** Worst first; beyond the cap one summary message names the rest. */
export function batchMessages(notices: readonly AlertNotice[], ctx: MessageContext): NotificationMessage[] {
  const ordered = [...notices].sort((a, b) => alertSeverityRank(b.severity) - alertSeverityRank(a.severity));
  const shown = ordered.slice(0, MAX_MESSAGES_PER_BATCH).map((n) => alertMessage(n, ctx));
  const rest = ordered.slice(MAX_MESSAGES_PER_BATCH);
  if (rest.length === 0) return shown;
  const labels = rest.slice(0, 8).map((n) => `${n.alert.label} (${n.reason})`);
  if (rest.length > 8) labels.push('…');
  shown.push({
    id: ctx.newId?.() ?? randomUUID(),
    at: ctx.now,
    reason: rest[0].reason,
    severity: worstAlertSeverity(rest.map((n) => n.severity)) ?? 'warning',
    title: `Opsbar: …and ${rest.length} more`,
    body: clip(labels.join('; '), 400),
    alertKey: null,
    kind: null,
    subject: null,
    incidentId: null,
    host: ctx.host,
  });
  return shown;
}

export function runbookMessage(event: OpsEvent, severity: AlertSeverity, ctx: MessageContext): NotificationMessage {
  return {
    id: ctx.newId?.() ?? randomUUID(),
    at: ctx.now,
    reason: 'runbook',
    severity,
    title: `Opsbar: ${clip(event.subject, 60)}`,
    body: clip(event.message, 200),
    alertKey: null,
    kind: event.kind,
    subject: event.subject,
    incidentId: null,
    host: ctx.host,
  };
}

export function testMessage(channelId: string, actor: string, ctx: MessageContext): NotificationMessage {
  return {
    id: ctx.newId?.() ?? randomUUID(),
    at: ctx.now,
    reason: 'test',
    severity: 'info',
    title: 'Opsbar: test notification',
    body: `A test from ${ctx.host} through ${channelId}, sent by ${actor}. If you read this, the channel works.`,
    alertKey: null,
    kind: null,
    subject: null,
    incidentId: null,
    host: ctx.host,
  };
}
