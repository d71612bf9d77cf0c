/**
 * One POST whose answer is read line by line as it arrives, with node:http(s) rather than fetch:
 * each read is stamped with the injected clock the moment it arrives, and the read is bounded
 * (total bytes, line length, one deadline for everything, an AbortSignal). Whatever goes wrong
 * comes back as a `PostFailure` value, never a throw, so the probe can word it for the operator.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BoundedLines, LineTooLongError } from './boundedLines';

export interface StreamingPostOptions {
  url: URL;
  body: string;
  apiKey?: string | null;
  accept: string;
  deadlineMs: number;
  maxBytes: number;
  maxLineBytes: number;
  signal?: AbortSignal;
  now: () => bigint;
  /** The request body has been handed to the OS. */
  onSent(at: bigint): void;
  /** One line of the body, stamped with the arrival time of the read that completed it. */
  onLine(line: string, at: bigint): LineVerdict;
}

/** `more`: keep reading; `done`: the answer is complete; `{ fail }`: stop, with this reason. */
export type LineVerdict = 'more' | 'done' | { fail: string };

export type PostFailure =
  | { kind: 'deadline' }
  | { kind: 'aborted' }
  | { kind: 'network'; message: string }
  | { kind: 'status'; status: number; body: string }
  | { kind: 'html' }
  | { kind: 'tooBig'; limit: number }
  | { kind: 'lineTooLong'; limit: number; line: number }
  | { kind: 'closed' }
  | { kind: 'line'; reason: string };

export type PostOutcome = { ok: true; endAt: bigint; done: boolean } | { ok: false; failure: PostFailure };

const ERROR_BODY_LIMIT = 4096;

export function streamingPost(o: StreamingPostOptions): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const send = o.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(o.body)),
      accept: o.accept,
    };
    if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;
    // A fresh connection per probe (agent: false): no pooled socket carries state between probes.
    const req = send(o.url, { method: 'POST', headers, agent: false });
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      req.destroy();
      resolve(outcome);
    };
    const fail = (failure: PostFailure) => finish({ ok: false, failure });
    const onAbort = () => fail({ kind: 'aborted' });
    const timer = setTimeout(() => fail({ kind: 'deadline' }), o.deadlineMs);
    if (o.signal?.aborted) return fail({ kind: 'aborted' });
    o.signal?.addEventListener('abort', onAbort, { once: true });

    req.on('socket', (socket) => socket.setNoDelay(true));
    req.on('finish', () => o.onSent(o.now()));
    req.on('error', (err) => fail({ kind: 'network', message: err.message }));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) return readErrorBody(res, (body) => fail({ kind: 'status', status, body }));
      if (/^text\/html/i.test(res.headers['content-type'] ?? '')) return fail({ kind: 'html' });
      readLines(res, o, finish);
    });
    req.end(o.body);
  });
}

function readLines(res: IncomingMessage, o: StreamingPostOptions, finish: (outcome: PostOutcome) => void): void {
  const lines = new BoundedLines(o.maxLineBytes);
  let bytes = 0;
  let first = true;
  const deliver = (batch: string[], at: bigint): boolean => {
    for (const line of batch) {
      if (first && line.trimStart().startsWith('<')) {
        finish({ ok: false, failure: { kind: 'html' } }); // HTML under a JSON or stream label
        return false;
      }
      if (line !== '') first = false;
      const verdict = o.onLine(line, at);
      if (verdict === 'done') {
        finish({ ok: true, endAt: at, done: true });
        return false;
      }
      if (verdict !== 'more') {
        finish({ ok: false, failure: { kind: 'line', reason: verdict.fail } });
        return false;
      }
    }
    return true;
  };
  res.on('data', (chunk: Buffer) => {
    const at = o.now();
    bytes += chunk.length;
    if (bytes > o.maxBytes) return finish({ ok: false, failure: { kind: 'tooBig', limit: o.maxBytes } });
    try {
      deliver(lines.push(chunk), at);
    } catch (err) {
      // Whatever a reply makes a parser do, the probe fails; it never throws into the app.
      if (err instanceof LineTooLongError) finish({ ok: false, failure: { kind: 'lineTooLong', limit: err.limit, line: err.lineNumber } });
      else finish({ ok: false, failure: { kind: 'line', reason: `sent a reply the probe could not read (${(err as Error).message}).` } });
    }
  });
  res.on('end', () => {
    const at = o.now();
    try {
      if (deliver(lines.end(), at)) finish({ ok: true, endAt: at, done: false });
    } catch (err) {
      finish({ ok: false, failure: { kind: 'line', reason: `sent a reply the probe could not read (${(err as Error).message}).` } });
    }
  });
  // 'close' without 'end': the server cut the connection mid-answer.
  res.on('close', () => {
    if (!res.complete) finish({ ok: false, failure: { kind: 'closed' } });
  });
  res.on('error', () => finish({ ok: false, failure: { kind: 'closed' } }));
}

function readErrorBody(res: IncomingMessage, done: (body: string) => void): void {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (text: string) => {
    if (body.length < ERROR_BODY_LIMIT) body += text.slice(0, ERROR_BODY_LIMIT - body.length);
    else res.destroy();
  });
  res.on('end', () => done(body));
  res.on('close', () => done(body));
  res.on('error', () => done(body));
}
