import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses one HTTP/1.1 response with a Content-Length body, or returns null while it is incomplete. */
export function parseResponse(data: Buffer): RawResponse | null {
  const split = data.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const [statusLine, ...lines] = data.subarray(0, split).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine.split(' ')[1]);
  const length = Number(headers['content-length'] ?? 0);
  const body = data.subarray(split + 4);
  if (headers['content-type']?.startsWith('text/event-stream')) return { status, headers, body: body.toString('utf8') };
  if (body.length < length) return null;
  return { status, headers, body: body.subarray(0, length).toString('utf8') };
}

/**
 * Writes `head` (and `body`) byte for byte on a fresh TCP connection and resolves with the first
 * response. A reset or a close before a whole response arrived rejects: that is what a client sees.
 */
export function rawRequest(port: number, head: string, body?: Buffer): Promise<RawResponse & { socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const response = parseResponse(data);
      if (response && !done) {
        done = true;
        resolve({ ...response, socket });
      }
    });
    socket.on('error', (error) => {
      if (!done) reject(new Error(`the socket failed before a whole response arrived (${error.message}); got: ${data.toString('latin1').slice(0, 200)}`));
    });
    socket.on('close', () => {
      if (!done) reject(new Error(`the server closed the socket before a whole response arrived; got: ${data.toString('latin1').slice(0, 200)}`));
    });
    socket.write(head);
    if (body) socket.write(body);
  });
}

/** A request head for `serve` on `port`, with the token and any extra raw header lines. */
export function requestHead(requestLine: string, port: number, lines: string[] = []): string {
  return [requestLine, `Host: 127.0.0.1:${port}`, ...lines, '', ''].join('\r\n');
}
