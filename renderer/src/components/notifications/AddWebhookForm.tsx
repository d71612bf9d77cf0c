/** @jsxRuntime automatic */
import { useState } from 'react';
import type { Settings, SettingsPatch } from '../../../../shared/config/settingsSchema';
import { WEBHOOK_NAME_MESSAGE, WEBHOOK_NAME_PATTERN } from '../../../../shared/config/webhookName';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../../../shared/types/alerts';

type WebhookKind = 'json' | 'ntfy' | 'slack';

interface AddWebhookFormProps {
  settings: Settings;
  /** The patch goes through the settings change dialog (propose, then confirm): a webhook is where Opsbar sends data. */
  onPropose: (patch: SettingsPatch) => void;
}

/** Adds a webhook channel: the whole `notifications.webhooks` array, the existing ones as the core gave them plus the new one. */
export function AddWebhookForm({ settings, onPropose }: AddWebhookFormProps) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<WebhookKind>('json');
  const [url, setUrl] = useState('');
  const [minSeverity, setMinSeverity] = useState<AlertSeverity>('warning');
  const [problem, setProblem] = useState<string | null>(null);
  const existing = settings.notifications.webhooks;
  return (
    <form
      className="add-webhook"
      aria-label="Add a webhook"
      onSubmit={(event) => {
        event.preventDefault();
        const candidate = { name: name.trim(), kind, url: url.trim(), minSeverity, enabled: true };
        // The core checks the whole entry again (its schema); these are the mistakes worth saying here, before the dialog.
        if (candidate.name === '' || candidate.name.length > 64 || !WEBHOOK_NAME_PATTERN.test(candidate.name)) {
          setProblem(`name: ${WEBHOOK_NAME_MESSAGE} (1–64 characters).`);
          return;
        }
        if (candidate.url.length > 4096) {
          setProblem('url: at most 4096 characters.');
          return;
        }
        if (!/^https?:\/\//i.test(candidate.url)) {
          setProblem('url: a webhook URL starts with http:// or https://');
          return;
        }
        if (existing.some((w) => w.name === candidate.name)) {
          setProblem(`name: a webhook named "${candidate.name}" exists already; pick another name.`);
          return;
        }
        setProblem(null);
        onPropose({ notifications: { webhooks: [...existing, candidate] } });
      }}
    >
      <label>
        Name <input type="text" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Kind{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value as WebhookKind)}>
          <option value="json">JSON POST</option>
          <option value="ntfy">ntfy topic</option>
          <option value="slack">Slack-compatible</option>
        </select>
      </label>
      <label>
        URL <input type="url" value={url} spellCheck={false} placeholder="https://ntfy.sh/my-topic" onChange={(e) => setUrl(e.target.value)} />
      </label>
      <label>
        Min severity{' '}
        <select value={minSeverity} onChange={(e) => setMinSeverity(e.target.value as AlertSeverity)}>
          {ALERT_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={name.trim() === '' || url.trim() === ''}>
        Add webhook…
      </button>
      {problem ? (
        <p role="alert" className="settings-change-error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
