import type { AlertSeverity } from './alerts';

/** Why a notification was sent. */
export type NotificationReason = 'firing' | 'escalated' | 'recovered' | 'flapping' | 'repeat' | 'runbook' | 'test';

/** One notification as decided by the core's policy (the same text goes to every channel). */
export interface NotificationMessage {
  /** Unique per notification (webhook receivers can de-duplicate on it). */
  id: string;
  at: number;
  reason: NotificationReason;
  severity: AlertSeverity;
  title: string;
  body: string;
  alertKey: string | null;
  kind: string | null;
  subject: string | null;
  incidentId: number | null;
  /** Host name, so a fleet's receivers know which machine. */
  host: string;
}

export type ChannelKind = 'desktop' | 'json' | 'ntfy' | 'slack';

/** A channel as the UI sees it: the URL only redacted, the last delivery. */
export interface ChannelView {
  /** `desktop`, or `webhook:<name>`. */
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  /** e.g. `https://hooks.slack.com/services/T0…/…` — never the whole secret. */
  target: string;
  minSeverity: AlertSeverity;
  lastDelivery: DeliveryView | null;
  /** Failing now: retried with backoff (the next attempt's time). */
  retryAt: number | null;
}

export interface DeliveryView {
  at: number;
  notificationId: string;
  reason: NotificationReason;
  ok: boolean;
  /** HTTP status, or null (desktop, network error). */
  status: number | null;
  /** Why it failed, in words ("connection refused by hooks.example.com:443"); never the URL's secret. */
  error: string | null;
  attempt: number;
}

export interface ChannelTestResult {
  channel: string;
  delivery: DeliveryView;
}
