/**
 * Turns what went wrong during a probe into one sentence an operator can act on: which URL, what
 * it did, and what to check. The API key never appears; credentials in the URL are dropped.
 */
import type { PostFailure } from './streamingPost';

export interface ReasonContext {
  url: URL;
  model: string;
  deadlineMs: number;
  /** Chunks carrying text received before the failure. */
  chunks: number;
  apiKeySent: boolean;
}

/** The URL as it may be shown: no user name or password. */
export function shownUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

const kib = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`);

function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown };
    const e = parsed.error;
    const text = typeof e === 'string' ? e : typeof (e as { message?: unknown })?.message === 'string' ? (e as { message: string }).message : parsed.message ?? parsed.detail;
    if (typeof text === 'string') return text.slice(0, 200);
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function failureReason(failure: PostFailure, c: ReasonContext): string {
  const where = shownUrl(c.url);
  const seconds = c.deadlineMs / 1000;
  switch (failure.kind) {
    case 'deadline':
      return c.chunks === 0
        ? `${where} sent no token within ${seconds} s; the server is hung or still loading "${c.model}".`
        : `${where} did not finish a ${64}-token answer within ${seconds} s (${c.chunks} chunks so far); the stream never ended.`;
    case 'aborted':
      return `The probe of ${where} was cancelled.`;
    case 'network':
      return /ECONNREFUSED/.test(failure.message)
        ? `${where} refused the connection: is the model server running on that port?`
        : `Could not reach ${where}: ${failure.message}.`;
    case 'status': {
      const said = serverMessage(failure.body);
      if (failure.status === 401 || failure.status === 403) {
        const hint = c.apiKeySent ? 'check the key in the environment variable named by apiKeyEnv' : 'no key was sent: set apiKeyEnv for this endpoint';
        return `${where} answered ${failure.status}: the API key was refused (${hint}).`;
      }
      if (failure.status === 404) return `${where} answered 404: no such endpoint or model "${c.model}"${said ? ` (${said})` : ''}.`;
      return `${where} answered HTTP ${failure.status}${said ? `: ${said}` : ''}.`;
    }
    case 'html':
      return `${where} answered HTML, not an event stream: the URL points at a web page or a proxy, not the model server's API.`;
    case 'tooBig':
      return `${where} sent more than ${kib(failure.limit)} for a short answer; stopped reading.`;
    case 'lineTooLong':
      return `${where} sent a line longer than ${kib(failure.limit)} (line ${failure.line}); stopped reading.`;
    case 'closed':
      return `${where} closed the stream after ${c.chunks} chunks, before the answer finished.`;
    case 'line':
      return `${where} ${failure.reason}`;
  }
}
