import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 256 * 1024;
/**
 * How much of an oversized body is read and thrown away before answering. Closing a socket
 * with unread bytes in it makes the kernel send a reset, which can reach the client before
 * our 413 does; past this bound the client is abusive and may see that reset.
 */
const MAX_DISCARDED_BYTES = 8 * 1024 * 1024;

export type BodyResult = { ok: true; body: string } | { ok: false; reason: 'too_large' };

/** Reads a request body up to MAX_BODY_BYTES; an oversized one is drained, not kept, and reported. */
export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      chunks.length = 0;
      if (size > MAX_BODY_BYTES + MAX_DISCARDED_BYTES) {
        req.pause();
        settle({ ok: false, reason: 'too_large' });
      }
    });
    req.on('end', () => settle(size > MAX_BODY_BYTES ? { ok: false, reason: 'too_large' } : { ok: true, body: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', (error) => {
      if (!settled) reject(error);
    });
  });
}
