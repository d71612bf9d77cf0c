/**
 * One model server on one port that both answers its kind's documented GET routes (identification,
 * what is loaded: test/support/fakeModelKinds.ts) and streams POSTed generations at a known rate
 * (test/support/fakeModelServer.ts, Ollama NDJSON for `ollama`, OpenAI SSE otherwise): what a real
 * server does, for tests that detect, read and probe it.
 *
 *   const server = await startServingModelServer('ollama', { models: [{ name: 'llama3.2:latest', loaded: true }] }, { tokensPerSecond: 40 });
 *   … server.url …   server.stream.streams[0].tokensPerSecond   // the rate it really streamed at
 */
import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ModelServerKindName } from '../../shared/types/models';
import { startFakeModelServer as startKindServer, type FakeModelServer as KindServer, type FakeModelServerOptions } from './fakeModelKinds';
import { startFakeModelServer as startStreamServer, type FakeModelOptions, type FakeModelServer as StreamServer } from './fakeModelServer';

export interface ServingModelServer {
  url: string;
  kind: KindServer;
  stream: StreamServer;
  close(): Promise<void>;
}

export async function startServingModelServer(kind: ModelServerKindName, kindOptions: FakeModelServerOptions = {}, stream: FakeModelOptions = {}): Promise<ServingModelServer> {
  const gets = await startKindServer(kind, kindOptions);
  const posts = await startStreamServer({ protocol: kind === 'ollama' ? 'ollama' : 'openai', ...stream });
  const sockets = new Set<Socket>();
  const front = createServer((req, res) => {
    const target = new URL(req.method === 'POST' ? posts.url : gets.url);
    const forward = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  });
  front.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    kind: gets,
    stream: posts,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await Promise.all([gets.close(), posts.close()]);
    },
  };
}
