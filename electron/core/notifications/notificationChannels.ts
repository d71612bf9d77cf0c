import type { Settings } from '../../../shared/config/settingsSchema';
import { alertSeverityRank, type AlertSeverity } from '../../../shared/types/alerts';
import type { ChannelKind, NotificationMessage } from '../../../shared/types/notifications';
import type { Clock } from '../clock';
import type { DesktopNotifier } from './notificationSystem';
import type { DeliveryChannel } from './channelDeliveries';
import { redactUrl } from './redactUrl';
import { postWebhook } from './webhookPost';
import { webhookRequest } from './webhookRequest';

/** A channel as configured now: where a message goes and whether it wants it. */
export interface ConfiguredChannel extends DeliveryChannel {
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  target: string;
  minSeverity: AlertSeverity;
}

export interface ChannelEnv {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  desktop(): DesktopNotifier | null;
  timeoutMs?: number;
}

export const DESKTOP_CHANNEL = 'desktop';

/** Desktop first, then each webhook as `webhook:<name>`. */
export function configuredChannels(settings: Settings['notifications'], env: ChannelEnv): ConfiguredChannel[] {
  const desktop: ConfiguredChannel = {
    id: DESKTOP_CHANNEL,
    kind: 'desktop',
    name: 'Desktop',
    enabled: settings.desktop,
    target: env.desktop() ? 'the desktop' : 'the dashboard, while it is open',
    minSeverity: settings.minSeverity,
    send: (message) => {
      const notifier = env.desktop();
      // Headless: the live message the dashboard shows is the delivery.
      if (!notifier) return Promise.resolve({ ok: true, status: null, error: null });
      return Promise.resolve(notifier(message) ? { ok: true, status: null, error: null } : { ok: false, status: null, error: 'the desktop could not show it' });
    },
  };
  const webhooks = settings.webhooks.map((w): ConfiguredChannel => {
    const url = w.url !== '' ? w.url : (env.env[w.urlEnv ?? ''] ?? '');
    return {
      id: `webhook:${w.name}`,
      kind: w.kind,
      name: w.name,
      enabled: w.enabled,
      target: url ? redactUrl(url) : `(environment variable ${w.urlEnv} is not set)`,
      minSeverity: w.minSeverity,
      send: (message) =>
        url === ''
          ? Promise.resolve({ ok: false, status: null, error: `the environment variable ${w.urlEnv} that holds the URL is not set` })
          : postWebhook(url, webhookRequest(w.kind, message), env.clock, env.timeoutMs),
    };
  });
  return [desktop, ...webhooks];
}

/** The enabled channels that take a message of this severity. */
export function channelsFor(message: NotificationMessage, channels: readonly ConfiguredChannel[]): ConfiguredChannel[] {
  return channels.filter((c) => c.enabled && alertSeverityRank(message.severity) >= alertSeverityRank(c.minSeverity));
}
