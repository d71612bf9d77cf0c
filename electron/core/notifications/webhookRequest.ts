import type { AlertSeverity } from '../../../shared/types/alerts';
import type { NotificationMessage } from '../../../shared/types/notifications';

export type WebhookKind = 'json' | 'ntfy' | 'slack';

export interface WebhookRequest {
  headers: Record<string, string>;
  body: string;
}

/** ntfy's priorities: 5 max/urgent … 1 min (https://docs.ntfy.sh/publish/#message-priority). */
const NTFY_PRIORITY: Record<AlertSeverity, string> = { emergency: '5', critical: '4', warning: '3', info: '2' };
const NTFY_TAG: Record<AlertSeverity, string> = { emergency: 'rotating_light', critical: 'red_circle', warning: 'warning', info: 'information_source' };

/** Header values are one line of Latin-1: ntfy reads UTF-8 titles only when RFC 2047-encoded, so keep ASCII. */
function headerText(text: string): string {
  return text.replace(/…/g, '...').replace(/[—–]/g, '-').replace(/[^\x20-\x7e]/g, '?').slice(0, 250);
}

/**
 * The POST for one webhook kind. `json`: the message plus `version: 1`. `ntfy`: the body as text
 * with Title, Priority and Tags headers. `slack`: an incoming webhook's `text` plus one section.
 */
export function webhookRequest(kind: WebhookKind, message: NotificationMessage): WebhookRequest {
  switch (kind) {
    case 'json':
      return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: 1, ...message }) };
    case 'ntfy':
      return {
        headers: {
          'Content-Type': 'text/plain; charset=utf-8',
          Title: headerText(message.title),
          Priority: NTFY_PRIORITY[message.severity],
          Tags: [NTFY_TAG[message.severity], 'opsbar', message.reason].join(','),
        },
        body: `${message.body}\n(${message.host})`,
      };
    case 'slack': {
      const text = `${message.title}\n${message.body}`;
      return {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          text,
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(message.title)}*\n${slackEscape(message.body)}\n_${slackEscape(message.host)}_` } }],
        }),
      };
    }
  }
}

/** Slack's mrkdwn needs &, < and > escaped. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
