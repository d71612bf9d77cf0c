import type { Settings, SettingsView } from '../../../shared/config/settingsSchema';
import { isRedacted, redactUrl } from './redactUrl';

type Webhook = Settings['notifications']['webhooks'][number];

/** The settings as the renderer sees them: every webhook URL redacted. */
export function redactSettings(settings: Settings): Settings {
  const webhooks = settings.notifications.webhooks.map((w) => ({ ...w, url: redactUrl(w.url) }));
  return { ...settings, notifications: { ...settings.notifications, webhooks } };
}

export function redactSettingsView(view: SettingsView): SettingsView {
  return { ...view, settings: redactSettings(view.settings) };
}

/**
 * A patch carrying back the redacted form of a stored URL keeps the stored URL: the same name
 * first, else any stored webhook whose redacted form it is. A full URL replaces it.
 */
export function restoreWebhookUrls<P extends { notifications?: { webhooks?: Partial<Webhook>[] } }>(current: Settings, patch: P): P {
  const incoming = patch.notifications?.webhooks;
  if (!incoming) return patch;
  const stored = current.notifications.webhooks;
  const webhooks = incoming.map((w) => {
    if (typeof w.url !== 'string' || !isRedacted(w.url)) return w;
    const match = stored.find((s) => s.name === w.name && redactUrl(s.url) === w.url) ?? stored.find((s) => redactUrl(s.url) === w.url);
    return match ? { ...w, url: match.url } : w;
  });
  return { ...patch, notifications: { ...patch.notifications, webhooks } };
}

/** A settings change's from/to as audit rows and proposals show it: webhook URLs redacted. */
export function redactChangeValue(path: string, value: unknown): unknown {
  if (path !== 'notifications.webhooks' || !Array.isArray(value)) return value;
  return value.map((w: unknown) => (w && typeof w === 'object' && typeof (w as Webhook).url === 'string' ? { ...w, url: redactUrl((w as Webhook).url) } : w));
}
