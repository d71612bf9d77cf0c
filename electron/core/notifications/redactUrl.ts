/**
 * A webhook URL as it may be shown or logged: scheme, host, port and the first path segment,
 * then `…` (`https://hooks.slack.com/services/…`, `https://ntfy.sh/…`). Userinfo, the rest of the path, the query and
 * the fragment are where the secrets live, so they never appear. Not a URL: `(invalid URL)`.
 */
export function redactUrl(url: string): string {
  if (url === '') return '';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(invalid URL)';
  }
  // The first segment is kept only when more follow (Slack's `services/`); a lone one is the
  // secret itself (an ntfy topic: `https://ntfy.sh/…`).
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  return `${parsed.protocol}//${parsed.host}/${segments.length >= 2 ? `${segments[0]}/` : ''}…`;
}

/** Whether a value is a redacted form (what the UI shows and may send back). */
export function isRedacted(url: string): boolean {
  return url.endsWith('…');
}

/** `host:port` for error messages ("connection refused by 127.0.0.1:9"). */
export function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
    return `${parsed.hostname}:${port}`;
  } catch {
    return '(invalid URL)';
  }
}
