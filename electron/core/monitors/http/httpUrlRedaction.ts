import { isSecretQueryParam } from '../../secretQueryParams';

const REDACTED = 'redacted';

/**
 * A URL as it may be shown or logged: `user:password@` becomes `redacted:redacted@` (a user
 * alone is kept out too) and secret-looking query values (`?token=…`, `api_key`, `sig`…) become
 * `redacted`. Something that is not a URL is not shown at all.
 *
 *   redactUrl('https://ops:hunter2@host/health?token=abc&v=1') // 'https://redacted:redacted@host/health?token=redacted&v=1'
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(not a URL)';
  }
  if (url.username) url.username = REDACTED;
  if (url.password) url.password = REDACTED;
  for (const name of [...new Set(url.searchParams.keys())]) if (isSecretQueryParam(name)) url.searchParams.set(name, REDACTED);
  return url.toString();
}

/** Replaces every occurrence of the URL's secrets (password, secret query values) in a text, e.g. an error message. */
export function redactSecretsOf(raw: string, text: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return text;
  }
  const secrets: string[] = [];
  if (url.password) secrets.push(url.password, decodeURIComponent(url.password));
  for (const [name, value] of url.searchParams) if (isSecretQueryParam(name) && value) secrets.push(value, encodeURIComponent(value));
  let out = text.split(raw).join(redactUrl(raw));
  for (const secret of secrets.filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
  return out;
}
