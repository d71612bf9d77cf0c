import type { OpsbarClient } from '../../../shared/api/client';
import { LIVE_MESSAGE_TYPES, type LiveMessage } from '../../../shared/api/live';
import { ApiCallError, SESSION_EXPIRED_MESSAGE, unwrapEnvelope } from './apiCallError';
import { ConnectionStore } from './connection';
import type { Transport } from './transport';

/** The part of the browser's EventSource the transport uses (tests pass a fake). */
export interface EventSourceLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export interface HttpTransportOptions {
  /** Origin-relative prefix of the API; '' for the page's own origin. */
  baseUrl?: string;
  fetch: typeof fetch;
  openEventSource: (url: string) => EventSourceLike;
  /** Waits between reconnect attempts; the last one repeats. */
  retryDelaysMs?: number[];
}

const DEFAULT_RETRY_DELAYS_MS = [500, 1_000, 2_000, 5_000];

function parseLiveMessage(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const message = JSON.parse(data) as { type?: unknown };
    return (LIVE_MESSAGE_TYPES as readonly unknown[]).includes(message?.type) ? (message as LiveMessage) : null;
  } catch {
    return null;
  }
}

/** Headless mode: `POST /api/call/<method>` for calls, `GET /api/live` (SSE) for live messages. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const base = options.baseUrl ?? '';
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const connection = new ConnectionStore('connecting');
  const listeners = new Set<(message: LiveMessage) => void>();
  let source: EventSourceLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;

  async function post(method: string, payload: unknown): Promise<Response> {
    try {
      return await options.fetch(`${base}/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload ?? {}),
      });
    } catch (error) {
      throw new ApiCallError('network', `Cannot reach the Opsbar server (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  const client: OpsbarClient = {
    async call(method, payload) {
      const response = await post(method, payload);
      if (response.status === 401) {
        connection.set('unauthorized');
        throw new ApiCallError('unauthorized', SESSION_EXPIRED_MESSAGE);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiCallError('internal', `${method}: HTTP ${response.status} without an API envelope.`);
      }
      return unwrapEnvelope(method, body);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source && !retryTimer) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
  };

  function open(): void {
    const current = options.openEventSource(`${base}/api/live`);
    source = current;
    current.onopen = () => {
      attempt = 0;
      connection.set('connected');
    };
    current.onmessage = (event) => {
      const message = parseLiveMessage(event.data);
      if (message) for (const listener of [...listeners]) listener(message);
    };
    current.onerror = () => {
      // The browser would retry on its own, but not after a 401; one loop handles both.
      current.close();
      if (source !== current) return;
      source = null;
      connection.set('reconnecting');
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    const delay = delays[Math.min(attempt, delays.length - 1)];
    attempt++;
    retryTimer = setTimeout(async () => {
      if (listeners.size === 0) return void (retryTimer = null);
      const expired = await sessionExpired();
      retryTimer = null;
      if (!expired && listeners.size > 0) open();
    }, delay);
  }

  /** An SSE error hides the HTTP status; one cheap call tells an expired session from a down server. */
  async function sessionExpired(): Promise<boolean> {
    try {
      const response = await post('status.get', {});
      if (response.status !== 401) return false;
      connection.set('unauthorized');
      return true;
    } catch {
      return false;
    }
  }

  function stop(): void {
    source?.close();
    source = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  }

  return { kind: 'http', client, connection };
}
