/**
 * Health check URLs may carry secrets (user:password, `?token=`): the renderer sees them
 * redacted, and a list sent back with a redacted URL keeps the stored one — as webhook URLs do
 * (notifications/webhookSecrets.ts). For the composition root to apply beside those.
 */
import type { HttpCheckSettings } from '../../../../shared/config/httpSettingsSchema';
import type { Settings } from '../../../../shared/config/settingsSchema';
import { redactUrl } from './httpUrlRedaction';

/** The settings as the renderer sees them: every check URL redacted. */
export function redactHttpCheckUrls(settings: Settings): Settings {
  return { ...settings, http: { ...settings.http, checks: settings.http.checks.map((c) => ({ ...c, url: redactUrl(c.url) })) } };
}

/**
 * A patch whose check URL is the redacted form of a stored one keeps the stored URL: the check of
 * the same name first, else any stored check whose redacted form it is. A URL that is not a
 * redacted form (a new check, an edited URL) is taken as written.
 */
export function restoreHttpCheckUrls<P extends { http?: { checks?: Partial<HttpCheckSettings>[] } }>(current: Settings, patch: P): P {
  const incoming = patch.http?.checks;
  if (!incoming) return patch;
  const stored = current.http.checks;
  const checks = incoming.map((check) => {
    if (typeof check.url !== 'string' || redactUrl(check.url) !== check.url) return check;
    const match = stored.find((s) => s.name === check.name && redactUrl(s.url) === check.url) ?? stored.find((s) => redactUrl(s.url) === check.url);
    return match ? { ...check, url: match.url } : check;
  });
  return { ...patch, http: { ...patch.http, checks } };
}

/** A settings change's from/to as proposals and audit rows show it: check URLs redacted. */
export function redactHttpChecksChangeValue(path: string, value: unknown): unknown {
  if (path !== 'http.checks' || !Array.isArray(value)) return value;
  return value.map((c: unknown) => (c && typeof c === 'object' && typeof (c as HttpCheckSettings).url === 'string' ? { ...c, url: redactUrl((c as HttpCheckSettings).url) } : c));
}
