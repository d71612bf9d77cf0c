/**
 * Secrets out of anything that goes into a diagnostics bundle: webhook URLs, tokens, URL
 * passwords, API keys. Applied to every string of the bundle (settings, status, events, errors,
 * actions), whatever was redacted before: redacting twice is harmless, once too few is a leak.
 */

import { isSecretQueryParam } from '../secretQueryParams';

export const REDACTED = '[redacted]';

/** Hosts whose URLs are webhooks: the path is the secret. */
const WEBHOOK_HOSTS = ['hooks.slack.com', 'ntfy.sh', 'discord.com', 'discordapp.com', 'outlook.office.com', 'webhook.office.com', 'api.telegram.org'];


/** Object keys whose values are credentials, whatever they hold. */
const SECRET_KEYS = /^(token|password|passwd|secret|apikey|api_key|authorization|access_token|client_secret|webhookurl)$/i;

/** `NAME=value` (container env, command lines) where NAME says it holds a secret. */
const SECRET_ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)[A-Za-z0-9_]*)=([^\s"',;&]+)/gi;

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

export interface RedactOptions {
  /** Hosts of the configured webhooks (their URLs are removed wherever they appear). */
  webhookHosts?: readonly string[];
  /** Exact strings to remove (API key and webhook URL values from the environment), with the name to say instead. */
  values?: readonly { name: string; value: string }[];
  /** Remove every URL's query values and path after the first segment (HTTP check URLs). */
  strictUrls?: boolean;
}

function isWebhookHost(host: string, options: RedactOptions): boolean {
  const lower = host.toLowerCase();
  return [...WEBHOOK_HOSTS, ...(options.webhookHosts ?? [])].some((h) => lower === h.toLowerCase() || lower.endsWith(`.${h.toLowerCase()}`));
}

/** One URL with its secrets removed: userinfo, secret query values, and a webhook's path. */
export function redactUrlText(text: string, options: RedactOptions = {}): string {
  // Trailing punctuation of a sentence is not part of the URL.
  const trailing = /[).,;:!?\]]+$/.exec(text)?.[0] ?? '';
  const raw = trailing ? text.slice(0, -trailing.length) : text;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${raw.replace(/\/\/[^/@\s]*@/, `//${REDACTED}@`).replace(/([?&][^=&#]+=)[^&#]*/g, `$1${REDACTED}`)}${trailing}`;
  }
  if (url.username || url.password) {
    url.username = REDACTED;
    url.password = '';
  }
  if (isWebhookHost(url.hostname, options) || options.strictUrls) {
    const first = url.pathname.split('/').filter((s) => s !== '')[0];
    const keep = first && !isWebhookHost(url.hostname, options) ? `/${first}` : '';
    return `${url.protocol}//${url.username ? `${REDACTED}@` : ''}${url.host}${keep}${url.pathname.length > keep.length + 1 ? '/…' : ''}${url.search ? `?${REDACTED}` : ''}${trailing}`;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (isSecretQueryParam(name)) url.searchParams.set(name, REDACTED);
  }
  // URLSearchParams encodes the brackets: keep the text readable.
  return `${url.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED)}${trailing}`;
}

/** Free text (a log line, an error message) with every secret Opsbar knows the shape of removed. */
export function redactText(text: string, options: RedactOptions = {}): string {
  let out = text;
  for (const { name, value } of options.values ?? []) {
    // Short values would remove ordinary words; such a "secret" is no secret anyway.
    if (value.length >= 4) out = out.split(value).join(`[redacted:${name}]`);
  }
  out = out.replace(URL_IN_TEXT, (url) => redactUrlText(url, options));
  out = out.replace(/\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)(?:(bearer|basic|token)\s+)?[^\s"',;]+/gi, (_m, header: string, sep: string, scheme?: string) => `${header}${sep}${scheme ? `${scheme} ` : ''}${REDACTED}`);
  out = out.replace(/\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, `Bearer ${REDACTED}`);
  out = out.replace(/\b(token|api[-_]?key|secret|password|passwd)(["']?\s*[:=]\s*["']?)(?!\[redacted)[^\s"',;&]+/gi, `$1$2${REDACTED}`);
  out = out.replace(/\b(token\S{0,16}?\s+)[A-Za-z0-9_-]{32,}/gi, `$1${REDACTED}`);
  out = out.replace(SECRET_ASSIGNMENT, (_m, name: string) => `${name}=${REDACTED}`);
  return out;
}

/** A deep copy of a JSON-like value with every string redacted and secret-named keys emptied. */
export function redactDeep(value: unknown, options: RedactOptions = {}, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value, options);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, options, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEYS.test(key) && item !== null && item !== '' ? REDACTED : redactDeep(item, options, seen);
  }
  return out;
}
