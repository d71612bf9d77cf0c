import type { SettingsPatch } from '../../../shared/config/settingsSchema';
import type { SetupChoice } from '../../../shared/types/setup';
import { RefusedError } from '../refusedError';

type WebhookChoice = NonNullable<SetupChoice['notifications']['webhook']>;

/** The config's webhook kind for the welcome view's: a generic webhook is a JSON POST. */
const CONFIG_KIND = { webhook: 'json', ntfy: 'ntfy', slack: 'slack' } as const;

/** An ntfy topic: the path's one segment (ntfy.sh's own rule: letters, digits, `_` and `-`, up to 64). */
const NTFY_TOPIC = /^\/[A-Za-z0-9_-]{1,64}\/?$/;

/**
 * Why this URL cannot be the chosen kind of webhook, or null when it can. The message never
 * repeats the URL: it is a secret (a Slack hook or an ntfy topic is all it takes to post).
 */
export function webhookUrlProblem(webhook: WebhookChoice): string | null {
  let url: URL;
  try {
    url = new URL(webhook.url.trim());
  } catch {
    return 'The webhook URL is not a URL: it starts with https://';
  }
  const web = url.protocol === 'https:' || url.protocol === 'http:';
  if (webhook.kind === 'ntfy') {
    if (!web) return 'An ntfy URL is https://ntfy.sh/<topic> (or your own ntfy server with the topic).';
    if (!NTFY_TOPIC.test(url.pathname)) return 'An ntfy URL names one topic after the host, e.g. https://ntfy.sh/my-opsbar-alerts (letters, digits, - and _).';
    return null;
  }
  if (webhook.kind === 'slack') {
    if (url.protocol !== 'https:') return 'A Slack webhook URL is https:// (https://hooks.slack.com/services/…, or a Slack-compatible https URL).';
    if (url.hostname === 'hooks.slack.com' && !url.pathname.startsWith('/services/')) return 'A hooks.slack.com URL is https://hooks.slack.com/services/… (copy it from the Slack app\'s Incoming Webhooks page).';
    return null;
  }
  return web ? null : 'A webhook URL is http:// or https://.';
}

/**
 * The first config from the welcome view's choices. Every field is written, defaults too: the
 * file records what the operator chose, and its existence marks the first run as done.
 */
export function setupChoicePatch(choice: SetupChoice): SettingsPatch {
  const webhook = choice.notifications.webhook ?? null;
  if (webhook) {
    const problem = webhookUrlProblem(webhook);
    if (problem) throw new RefusedError(problem);
  }
  return {
    docker: { enabled: choice.monitors.docker },
    gpu: { enabled: choice.monitors.gpu },
    models: { enabled: choice.monitors.models },
    http: { enabled: choice.monitors.http },
    app: { startAtLogin: choice.startAtLogin },
    notifications: {
      desktop: choice.notifications.desktop,
      ...(webhook ? { webhooks: [{ name: webhook.kind, kind: CONFIG_KIND[webhook.kind], url: webhook.url.trim(), enabled: true, minSeverity: 'warning' }] } : {}),
    },
  };
}
