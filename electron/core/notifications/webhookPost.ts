import type { Clock } from '../clock';
import { hostOf } from './redactUrl';
import type { WebhookRequest } from './webhookRequest';

/** A delivery that has not answered in this long failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** The receiver's answer is read this far, never more (a hostile one cannot fill memory). */
export const MAX_RESPONSE_BYTES = 16 * 1024;

export interface PostOutcome {
  ok: boolean;
  status: number | null;
  /** In words, naming only host and port: never the URL's path, query or userinfo. */
  error: string | null;
}

/** POSTs one webhook; success is a 2xx. Never throws. The timeout runs on the injected clock. */
export async function postWebhook(url: string, request: WebhookRequest, clock: Clock, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<PostOutcome> {
  const where = hostOf(url);
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const { target, authorization } = splitCredentials(url);
    const headers = authorization ? { ...request.headers, Authorization: authorization } : request.headers;
    const response = await fetch(target, { method: 'POST', headers, body: request.body, signal: controller.signal, redirect: 'manual' });
    const text = await readBounded(response);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: null };
    const detail = text.replace(/\s+/g, ' ').trim().slice(0, 120);
    return { ok: false, status: response.status, error: `${where} answered HTTP ${response.status}${detail ? ` (${detail})` : ''}` };
  } catch (error) {
    if (timedOut) return { ok: false, status: null, error: `${where} did not answer within ${Math.round(timeoutMs / 1000)} s` };
    return { ok: false, status: null, error: describeNetworkError(error, where) };
  } finally {
    timer.cancel();
  }
}

/** fetch refuses a URL with `user:password@`: it goes as Basic authorization instead (ntfy's access control). */
function splitCredentials(url: string): { target: string; authorization: string | null } {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { target: url, authorization: null };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { target: parsed.toString(), authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

async function readBounded(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_RESPONSE_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    // The rest is not read: the connection is dropped instead.
    void reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}

/** fetch's "fetch failed" carries the cause; say it in words, with the host only. */
function describeNetworkError(error: unknown, where: string): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host of ${where} was not found (DNS)`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${where} closed the connection`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connecting to ${where} timed out`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable`;
    default:
      if (/certificate|SSL|TLS/i.test(cause?.message ?? '')) return `TLS with ${where} failed (certificate)`;
      if (error instanceof TypeError && /Invalid URL|Failed to parse/i.test(error.message)) return 'the webhook URL is not a valid URL';
      return `sending to ${where} failed${code ? ` (${code})` : ''}`;
  }
}
