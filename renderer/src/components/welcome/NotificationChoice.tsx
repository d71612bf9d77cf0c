/** @jsxRuntime automatic */
import { useId } from 'react';
import type { SetupChoice } from '../../../../shared/types/setup';

export type WebhookKind = NonNullable<SetupChoice['notifications']['webhook']>['kind'];

export interface NotificationDraft {
  desktop: boolean;
  webhookKind: WebhookKind | 'none';
  webhookUrl: string;
}

const PLACEHOLDERS: Record<WebhookKind, string> = {
  ntfy: 'https://ntfy.sh/your-topic',
  slack: 'https://hooks.slack.com/services/…',
  webhook: 'https://example.com/opsbar-hook',
};

/** Desktop notifications on or off, and optionally one webhook (ntfy, Slack or a generic JSON POST). */
export function NotificationChoice({ draft, onChange }: { draft: NotificationDraft; onChange(draft: NotificationDraft): void }) {
  const ids = { desktop: useId(), kind: useId(), url: useId() };
  return (
    <section className="welcome-finding welcome-notifications" aria-label="Notifications">
      <h2>Notifications</h2>
      <p className="welcome-sentence">Where Opsbar tells you when something needs you.</p>
      <label className="welcome-toggle" htmlFor={ids.desktop}>
        <input id={ids.desktop} type="checkbox" checked={draft.desktop} onChange={(e) => onChange({ ...draft, desktop: e.target.checked })} />
        Desktop notifications
      </label>
      <div className="welcome-webhook">
        <label htmlFor={ids.kind}>Also send to</label>
        <select id={ids.kind} value={draft.webhookKind} onChange={(e) => onChange({ ...draft, webhookKind: e.target.value as NotificationDraft['webhookKind'] })}>
          <option value="none">Nothing else</option>
          <option value="ntfy">ntfy topic</option>
          <option value="slack">Slack webhook</option>
          <option value="webhook">Generic webhook (JSON POST)</option>
        </select>
        {draft.webhookKind !== 'none' && (
          <>
            <label htmlFor={ids.url}>Webhook URL</label>
            <input
              id={ids.url}
              type="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={PLACEHOLDERS[draft.webhookKind]}
              value={draft.webhookUrl}
              onChange={(e) => onChange({ ...draft, webhookUrl: e.target.value })}
            />
            <p className="welcome-detail muted">The URL is kept in config.yaml and never shown again in full.</p>
          </>
        )}
      </div>
    </section>
  );
}
