// Real local HTTP(S) servers for the http module's tests, on 127.0.0.1 and a free port.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  port: number;
  /** Requests seen, by path. */
  requests: string[];
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export async function startTestServer(handler: Handler, tls?: { key: string; cert: string }, port = 0): Promise<TestServer> {
  const requests: string[] = [];
  const wrapped: Handler = (req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  };
  const server = tls ? https.createServer(tls, wrapped) : http.createServer(wrapped);
  // TLS handshakes that the client refuses end in errors here: expected.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${actual}`,
    port: actual,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
