/**
 * One cheap, bounded GET against a model server: what every reader and the detector use.
 *
 *   const get = boundedGetFor('http://127.0.0.1:11434', { apiKey });
 *   const answer = await get('/api/version');          // never throws
 *   const version = jsonOf(answer);                     // throws a sentence an operator can act on
 *
 * Bounds: a deadline for the whole exchange (default 3 s) and a size cap on the body (default
 * 2 MiB) — a server that hangs or floods costs at most that. The API key is sent as a bearer token
 * and never appears in a message. Transport failures come back as `{ ok: false, reason }`; HTTP
 * errors come back as answers with their status, and `jsonOf`/`textOf` turn them into sentences.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface GetAnswer {
  ok: true;
  /** The full URL asked (no key in it), for messages. */
  url: string;
  status: number;
  contentType: string;
  body: string;
}
export interface GetFailure {
  ok: false;
  url: string;
  reason: string;
}
export type GetOutcome = GetAnswer | GetFailure;

/** A GET bound to one server's base URL: `path` starts with `/`. Never rejects. */
export type ServerGet = (path: string) => Promise<GetOutcome>;

export interface BoundedGetOptions {
  deadlineMs?: number;
  maxBytes?: number;
  /** Sent as `Authorization: Bearer …`; never logged or put in a message. */
  apiKey?: string;
}

export const DEFAULT_DEADLINE_MS = 3_000;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/** A sentence-throwing failure of one server path; `status` set when the server did answer. */
export class ServerAnswerError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

export function boundedGetFor(baseUrl: string, options: BoundedGetOptions = {}): ServerGet {
  const base = baseUrl.replace(/\/+$/, '');
  return (path) => boundedGet(base + path, options);
}

export function boundedGet(url: string, options: BoundedGetOptions = {}): Promise<GetOutcome> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: GetOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    const fail = (reason: string): void => finish({ ok: false, url, reason });
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      resolve({ ok: false, url, reason: `${url} is not a valid URL: write it as http://host:port.` });
      return;
    }
    const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9, */*;q=0.1' };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(parsed, { method: 'GET', headers, agent: false });
    // One deadline for connect + headers + body: a server that trickles bytes is still cut off.
    const timer = setTimeout(() => fail(`${url} sent no complete answer within ${seconds(deadlineMs)}.`), deadlineMs);
    req.on('error', (error: NodeJS.ErrnoException) => fail(transportReason(url, error)));
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        fail(`${url} sent more than ${mebibytes(maxBytes)} (it announced ${mebibytes(declared)}); this is not a model server's answer.`);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) fail(`${url} sent more than ${mebibytes(maxBytes)}; this is not a model server's answer.`);
        else chunks.push(chunk);
      });
      res.on('end', () =>
        finish({
          ok: true,
          url,
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', () => fail(`${url} broke off its answer after ${size} bytes.`));
      res.on('aborted', () => fail(`${url} broke off its answer after ${size} bytes.`));
    });
    req.end();
  });
}

/** The body of a 2xx answer as text, or a sentence saying why there is none. */
export function textOf(outcome: GetOutcome): string {
  if (!outcome.ok) throw new ServerAnswerError(outcome.reason);
  if (outcome.status === 401 || outcome.status === 403)
    throw new ServerAnswerError(
      `${outcome.url} answered ${outcome.status}: the API key was refused or is missing; set the endpoint's apiKeyEnv to a variable that holds a valid key.`,
      outcome.status,
    );
  if (outcome.status < 200 || outcome.status >= 300)
    throw new ServerAnswerError(`${outcome.url} answered HTTP ${outcome.status}${briefBody(outcome.body)}.`, outcome.status);
  return outcome.body;
}

/** The body of a 2xx answer parsed as JSON, or a sentence saying why not. */
export function jsonOf(outcome: GetOutcome): unknown {
  const body = textOf(outcome);
  const url = outcome.url;
  if (/text\/html/i.test((outcome as GetAnswer).contentType) || /^\s*</.test(body))
    throw new ServerAnswerError(`${url} answered HTML, not JSON: this address is a web page, not a model server's API.`);
  try {
    return JSON.parse(body);
  } catch {
    throw new ServerAnswerError(`${url} answered text that is not JSON${briefBody(body)}.`);
  }
}

/** `jsonOf`, but null where the path failed in any way (for optional or probing reads). */
export function jsonOrNull(outcome: GetOutcome): unknown {
  try {
    return jsonOf(outcome);
  } catch {
    return null;
  }
}

function transportReason(url: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return `${url} refused the connection: nothing is listening there.`;
  if (error.code === 'ECONNRESET') return `${url} closed the connection before answering.`;
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return `${url}: the host name does not resolve.`;
  return `${url} could not be reached (${error.code ?? error.message}).`;
}

function briefBody(body: string): string {
  const line = body.trim().split('\n')[0]?.slice(0, 120) ?? '';
  return line ? ` ("${line}")` : '';
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${mib.toFixed(1)} MiB`;
}
