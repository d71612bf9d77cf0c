import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { DockerEndpoint } from './dockerEndpoint';
import { DockerEngineStatusError, DockerReplyCutError, DockerReplyInvalidError, DockerReplyTooLargeError } from './engineReplyErrors';

/** Most Opsbar reads of one list, inspect or stats reply: a real reply for 1,000 containers is ~2 MB. */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;

/** Most read of an error reply's body (the engine's `{"message": …}`). */
const MAX_ERROR_BYTES = 64 * 1024;

export interface EngineHttp {
  /** GETs `path` and resolves with its parsed JSON body, never reading more than `limitBytes`. */
  getJson(path: string, signal: AbortSignal, limitBytes?: number): Promise<unknown>;
  /** GETs a streaming `path` (/events): resolves with the open body; the signal closes it. */
  openStream(path: string, signal: AbortSignal): Promise<IncomingMessage>;
}

/**
 * The Engine API's JSON GETs with Node's http, bounded. docker-modem buffers a whole reply into
 * one string before parsing it (a 512 MB reply: 400 MB RSS, then ERR_STRING_TOO_LONG thrown
 * where no caller can catch it), and offers no hook to stop reading; so the few calls that
 * poll go through here, where a reply over the bound aborts the request at once. (dockerode
 * would also buffer an error reply to /events without bound, so the stream opens here too.)
 */
export function createEngineHttp(endpoint: DockerEndpoint): EngineHttp {
  // Kept-alive sockets: a collection of 100 containers is ~200 requests to the same socket.
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const target = endpoint.kind === 'unix' ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };
  const get = (path: string, signal: AbortSignal, onResponse: (res: IncomingMessage, what: string) => void, reject: (e: unknown) => void) => {
    const req = httpRequest({ ...target, agent, path, method: 'GET', signal, headers: { Accept: 'application/json' } }, (res) =>
      onResponse(res, `GET ${path.split('?')[0]}`),
    );
    req.on('error', reject);
    req.end();
  };
  const getJson = (path: string, signal: AbortSignal, limitBytes = MAX_REPLY_BYTES) =>
    new Promise<unknown>((resolve, reject) => {
      get(path, signal, (res, what) => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        readBounded(res, ok ? limitBytes : MAX_ERROR_BYTES).then(
          (body) => {
            if (body === null) {
              if (!ok) return reject(new DockerEngineStatusError(what, status, ''));
              return reject(new DockerReplyTooLargeError(what, limitBytes));
            }
            const text = body.toString('utf8');
            if (!ok) return reject(new DockerEngineStatusError(what, status, engineMessage(text)));
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(new DockerReplyInvalidError(what, 'JSON', `it starts with ${JSON.stringify(text.slice(0, 40))}`));
            }
          },
          () => reject(signal.aborted ? signal.reason : new DockerReplyCutError(what)),
        );
      }, reject);
    });
  const openStream = (path: string, signal: AbortSignal) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      get(path, signal, (res, what) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve(res);
        readBounded(res, MAX_ERROR_BYTES).then(
          (body) => reject(new DockerEngineStatusError(what, status, body ? engineMessage(body.toString('utf8')) : '')),
          () => reject(new DockerReplyCutError(what)),
        );
      }, reject);
    });
  return { getJson, openStream };
}

/** The body, or null as soon as it is (or says it will be) over `limit`: the caller aborts. */
function readBounded(res: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(res.headers['content-length']);
    // Resolved before the socket is destroyed: destroying it emits the errors handled below.
    if (Number.isFinite(declared) && declared > limit) {
      resolve(null);
      return void res.destroy();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        resolve(null);
        return void res.destroy();
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('aborted', () => reject(new Error('aborted')));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('closed early'));
    });
  });
}

/** The engine's own error text (`{"message": "No such container: …"}`), or the start of the body. */
function engineMessage(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    const message = (parsed as { message?: unknown } | null)?.message;
    if (typeof message === 'string') return message.trim().slice(0, 500);
  } catch {
    // not JSON: fall through
  }
  return text.trim().slice(0, 200);
}
