/**
 * One attempt of an HTTP health check with node:http/https (not fetch, so that nothing is
 * hidden): redirects are reported with their Location and never followed, TLS and network
 * failures are said by their code, `timeoutMs` bounds connect and answer together, and the body
 * is read only as far as needed (to find `expectBody`, or the first bytes of a wrong answer), at
 * most 64 KiB.
 *
 *   const result = await probeHttp({ url: 'http://127.0.0.1:8080/health', expectStatus: 200, timeoutMs: 5000 });
 */
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { HttpCheckOutcome } from '../../../../shared/types/http';
import { bodyStartOf, describeProbeError } from './httpProbeErrors';
import { redactUrl } from './httpUrlRedaction';

/** The body is never read beyond this. */
export const MAX_BODY_BYTES = 64 * 1024;
/** For a wrong status, only this much of the body is read (enough for its first 200 characters). */
const WRONG_ANSWER_BODY_BYTES = 2 * 1024;

export interface HttpProbeRequest {
  url: string;
  expectStatus: number;
  /** The body must contain this text. */
  expectBody?: string;
  timeoutMs: number;
}

export interface HttpProbeOptions {
  /** For latency (default performance.now). */
  now?: () => number;
  /** CA certificates to trust instead of the system's (tests; a host's own CA). */
  ca?: string | Buffer;
  /** Ends the attempt at once (the collector stops). */
  signal?: AbortSignal;
}

export interface HttpProbeResult {
  outcome: HttpCheckOutcome;
  status: number | null;
  /** Until the answer was judged (headers, or the body part that had to match); null without an answer. */
  latencyMs: number | null;
  detail: string;
  bodyStart: string | null;
  /** A redirect's Location, redacted. */
  location: string | null;
  /** Body bytes received before the probe stopped reading. */
  bodyBytesRead: number;
}

export function probeHttp(request: HttpProbeRequest, options: HttpProbeOptions = {}): Promise<HttpProbeResult> {
  const now = options.now ?? (() => performance.now());
  let url: URL;
  try {
    url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    return Promise.resolve(result('unreachable', 'the URL is not an http:// or https:// URL'));
  }
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;

  return new Promise((resolve) => {
    const started = now();
    let settled = false;
    let connected = false;
    let bytesRead = 0;
    const finish = (value: HttpProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...value, bodyBytesRead: bytesRead });
      req.destroy();
    };
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, {
      method: 'GET',
      agent: false,
      headers: { 'User-Agent': 'Opsbar health check', Accept: '*/*', Connection: 'close' },
      ...(options.ca ? { ca: options.ca } : {}),
    });
    const timer = setTimeout(() => {
      const detail = connected ? `connected, but no answer within ${request.timeoutMs} ms` : `no connection within ${request.timeoutMs} ms (${where})`;
      finish(result('timeout', detail));
    }, request.timeoutMs);

    const abort = () => finish(result('unreachable', 'the check was stopped before an answer'));
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    req.on('close', () => options.signal?.removeEventListener('abort', abort));
    req.on('socket', (socket) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => (connected = true));
    });
    req.on('error', (error) => {
      const words = describeProbeError(error, where);
      finish(result(words.kind, words.detail));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const answered = (outcome: HttpCheckOutcome, detail: string, body: Buffer | null, location: string | null = null) =>
        finish({ outcome, status, latencyMs: now() - started, detail, bodyStart: body ? bodyStartOf(body) : null, location, bodyBytesRead: 0 });

      if (status !== request.expectStatus && status >= 300 && status < 400) {
        const location = res.headers.location ? redactUrl(new URL(res.headers.location, url).toString()) : null;
        answered('redirect', location ? `redirects to ${location} (${status}), expected ${request.expectStatus}; redirects are not followed` : `redirects (${status}) without a Location, expected ${request.expectStatus}`, null, location);
        return;
      }
      const wantBytes = status !== request.expectStatus ? WRONG_ANSWER_BODY_BYTES : request.expectBody ? MAX_BODY_BYTES : 0;
      if (wantBytes === 0) {
        answered('up', `answered ${status}`, null);
        return;
      }
      const chunks: Buffer[] = [];
      let kept = 0;
      const judge = (complete: boolean) => {
        const body = Buffer.concat(chunks);
        if (status !== request.expectStatus) return answered('wrong-answer', `answered ${status}, expected ${request.expectStatus}`, body);
        if (request.expectBody && body.toString('utf8').includes(request.expectBody)) return answered('up', `answered ${status} with the expected text`, null);
        if (!complete && kept < wantBytes) return;
        const read = complete ? '' : ` in its first ${Math.round(wantBytes / 1024)} KiB`;
        answered('wrong-answer', `answered ${status}, but the body does not contain ${JSON.stringify(request.expectBody)}${read}`, body);
      };
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        bytesRead += chunk.length;
        const room = wantBytes - kept;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        kept += Math.min(room, chunk.length);
        // A wrong status needs only the start; an expected text is searched as the body arrives.
        if (status !== request.expectStatus ? kept >= wantBytes : true) judge(false);
      });
      res.on('end', () => judge(true));
      res.on('error', (error) => {
        const words = describeProbeError(error, where);
        finish({ ...result(words.kind, `answered ${status}, then ${words.detail}`), status });
      });
    });
    req.end();
  });
}

function result(outcome: HttpCheckOutcome, detail: string): HttpProbeResult {
  return { outcome, status: null, latencyMs: null, detail, bodyStart: null, location: null, bodyBytesRead: 0 };
}
