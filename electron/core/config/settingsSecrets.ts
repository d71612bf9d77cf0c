import type { SettingsPatch, SettingsView } from '../../../shared/config/settingsSchema';
import type { Settings } from '../../../shared/config/settingsSchema';
import { redactHttpCheckUrls, redactHttpChecksChangeValue, restoreHttpCheckUrls } from '../monitors/http/httpSettingsSecrets';
import { redactChangeValue as redactWebhookChangeValue, redactSettings as redactWebhookUrls, restoreWebhookUrls } from '../notifications/webhookSecrets';

/**
 * Every setting that may hold a secret, in one place: webhook URLs and health check URLs reach
 * the renderer (and the API) redacted, a patch that sends a redacted form back keeps the stored
 * value, and proposals and audit rows show changes redacted.
 */
export function redactSettingsView(view: SettingsView): SettingsView {
  return { ...view, settings: redactHttpCheckUrls(redactWebhookUrls(view.settings)) };
}

export function restoreSecrets(current: Settings, patch: SettingsPatch): SettingsPatch {
  return restoreHttpCheckUrls(current, restoreWebhookUrls(current, patch));
}

export function redactChangeValue(path: string, value: unknown): unknown {
  return redactHttpChecksChangeValue(path, redactWebhookChangeValue(path, value));
}
