/**
 * A model server on loopback that streams at a known rate, or misbehaves on purpose.
 *
 *   const server = await startFakeModelServer({ tokensPerSecond: 60, tokensPerChunk: 3 });
 *   const result = await streamProbe({ baseUrl: server.url, model: 'fake' });
 *   await server.close();
 *
 * Shape (OpenAI SSE on any POST path, or Ollama NDJSON with `protocol: 'ollama'`): the first text
 * chunk is written `firstTokenDelayMs` after the request body arrived, then one chunk every
 * `tokensPerChunk / tokensPerSecond` s, scheduled against absolute times so timers do not drift;
 * `max_tokens` (or Ollama `num_predict`) tokens in all. Written from the servers' documented
 * streams: role-only first chunk (vLLM, llama.cpp), `reasoning_content` deltas, the usage chunk
 * with empty `choices` last, llama.cpp `timings` / LM Studio `stats` on the final chunk, `[DONE]`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Hostile = 'hang' | 'closeMidStream' | 'html' | 'malformed' | 'endless' | 'hugeLine';

export interface FakeModelOptions {
  protocol?: 'openai' | 'ollama';
  tokensPerSecond?: number;
  tokensPerChunk?: number;
  firstTokenDelayMs?: number;
  /** Send `{"delta":{"role":"assistant"}}` at once, before the first token. */
  roleFirst?: boolean;
  /** Send the usage chunk (default true; it is what `include_usage` asks for). */
  usage?: boolean;
  /** The first this-many tokens are reasoning (`delta.reasoning_content`, Ollama `thinking`). */
  reasoningTokens?: number;
  /** Server figures on the final chunk. */
  extras?: 'none' | 'llama.cpp' | 'lmstudio';
  /** LM Studio `model_load_time_seconds` / Ollama `load_duration` (as if this request loaded it). */
  loadSeconds?: number;
  promptTokens?: number;
  /** Requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  hostile?: Hostile;
  /** For `closeMidStream`: text chunks sent before the connection is cut (default 3). */
  chunksBeforeClose?: number;
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/**
 * What the server actually did on one answer, timed where it wrote (timers run late on a busy
 * machine, so this, not the configured rate, is the truth a benchmark compares against).
 */
export interface EmittedStream {
  /** Request body received → first text chunk written. */
  firstTokenDelayMs: number;
  /** Tokens after the first text chunk over the time from its write to the last one's. */
  tokensPerSecond: number;
  tokens: number;
}

export interface FakeModelServer {
  url: string;
  readonly requests: ReceivedRequest[];
  /** One entry per answer that ran to its end, in order. */
  readonly streams: EmittedStream[];
  /** Bytes written to clients so far (how far a client read before it left). */
  writtenBytes(): number;
  /** The most answers that were ever open at once (two probes at once on one server show as 2). */
  peakConcurrent(): number;
  close(): Promise<void>;
}

const MODEL = 'fake-model:8b';

export async function startFakeModelServer(options: FakeModelOptions = {}): Promise<FakeModelServer> {
  const requests: ReceivedRequest[] = [];
  const streams: EmittedStream[] = [];
  let written = 0;
  let peak = 0;
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (b: Buffer) => (raw += b.toString()));
    req.on('end', () => {
      const receivedAt = performance.now();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // keep {}: the probe's body is checked by the tests through `requests`
      }
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      open.add(res);
      peak = Math.max(peak, open.size);
      res.on('close', () => open.delete(res));
      res.socket?.setNoDelay(true);
      const write = (text: string) => {
        written += Buffer.byteLength(text);
        return res.write(text);
      };
      answer(options, body, receivedAt, req, res, write, (emitted) => streams.push(emitted));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    streams,
    writtenBytes: () => written,
    peakConcurrent: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(
  o: FakeModelOptions,
  body: Record<string, unknown>,
  receivedAt: number,
  req: IncomingMessage,
  res: ServerResponse,
  write: (t: string) => boolean,
  emitted: (stream: EmittedStream) => void,
): void {
  if (o.apiKey !== undefined && req.headers.authorization !== `Bearer ${o.apiKey}`) {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'Invalid API Key', type: 'invalid_request_error' } }));
    return;
  }
  if (o.hostile === 'hang') return; // headers never come
  if (o.hostile === 'html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!DOCTYPE html><html><body><h1>Sign in to continue</h1></body></html>');
    return;
  }
  const ollama = o.protocol === 'ollama';
  res.writeHead(200, { 'content-type': ollama ? 'application/x-ndjson' : 'text/event-stream', 'cache-control': 'no-cache' });
  if (o.hostile === 'hugeLine') {
    // Megabytes of one line, as fast as the client reads, never a newline.
    const block = 'data: ' + 'x'.repeat(64 * 1024);
    const pump = () => {
      while (!res.destroyed && write(block));
      if (!res.destroyed) res.once('drain', pump);
    };
    return pump();
  }
  if (o.hostile === 'malformed') {
    write(sse({ choices: [{ index: 0, delta: { role: 'assistant', content: 'One' } }] }));
    res.end('data: {"choices": [{"delta": {"content": "tw\n\n');
    return;
  }
  const options = (isObj(body.options) ? body.options : {}) as Record<string, unknown>;
  const asked = Number(ollama ? options.num_predict : body.max_tokens);
  const total = o.hostile === 'endless' ? Infinity : Number.isInteger(asked) && asked > 0 ? asked : 16;
  const rate = o.tokensPerSecond ?? 200;
  const perChunk = o.tokensPerChunk ?? 1;
  const reasoning = o.reasoningTokens ?? 0;
  if (!ollama && o.roleFirst) write(sse(chunk({ role: 'assistant', content: '' })));

  let sent = 0;
  let chunks = 0;
  let firstWriteAt = 0;
  let firstChunkTokens = 0;
  // When the next chunk is due: the first after the delay, each later one when its last token is
  // generated (m tokens after the previous chunk). Absolute times, so timer lateness does not add up.
  let dueAt = receivedAt + (o.firstTokenDelayMs ?? 0);
  const next = () => {
    if (res.destroyed) return;
    if (o.hostile === 'closeMidStream' && chunks === (o.chunksBeforeClose ?? 3)) return void res.destroy();
    const n = Math.min(perChunk, total - sent);
    const field = sent < reasoning ? 'reasoning_content' : 'content';
    const text = Array.from({ length: n }, (_, i) => ` ${sent + i + 1}`).join('');
    sent += n;
    chunks++;
    const writtenAt = performance.now();
    if (chunks === 1) {
      firstWriteAt = writtenAt;
      firstChunkTokens = n;
    }
    if (ollama) write(JSON.stringify({ model: MODEL, created_at: new Date().toISOString(), message: { role: 'assistant', content: field === 'content' ? text : '', ...(field === 'content' ? {} : { thinking: text }) }, done: false }) + '\n');
    else write(sse(chunk(o.roleFirst || chunks > 1 ? { [field]: text } : { role: 'assistant', [field]: text })));
    if (sent >= total) {
      const span = (writtenAt - firstWriteAt) / 1000;
      emitted({ firstTokenDelayMs: firstWriteAt - receivedAt, tokensPerSecond: span > 0 ? (sent - firstChunkTokens) / span : NaN, tokens: sent });
      return finish(o, res, write, sent, receivedAt);
    }
    dueAt += (Math.min(perChunk, total - sent) / rate) * 1000;
    setTimeout(next, Math.max(0, dueAt - performance.now()));
  };
  setTimeout(next, Math.max(0, dueAt - performance.now()));
}

function finish(o: FakeModelOptions, res: ServerResponse, write: (t: string) => boolean, tokens: number, receivedAt: number): void {
  const prompt = o.promptTokens ?? 24;
  const elapsedMs = performance.now() - receivedAt;
  if (o.protocol === 'ollama') {
    const ns = (ms: number) => Math.round(ms * 1e6);
    const decodeMs = (tokens / (o.tokensPerSecond ?? 200)) * 1000;
    res.end(JSON.stringify({
      model: MODEL, created_at: new Date().toISOString(), message: { role: 'assistant', content: '' }, done: true, done_reason: 'length',
      total_duration: ns(elapsedMs), load_duration: ns((o.loadSeconds ?? 0.002) * 1000), prompt_eval_count: prompt,
      prompt_eval_duration: ns(o.firstTokenDelayMs ?? 1), eval_count: tokens, eval_duration: ns(decodeMs),
    }) + '\n');
    return;
  }
  write(sse({ ...chunk({}), choices: [{ index: 0, delta: {}, finish_reason: 'length' }] }));
  const final: Record<string, unknown> = { ...chunk({}), choices: [] };
  if (o.usage !== false) final.usage = { prompt_tokens: prompt, completion_tokens: tokens, total_tokens: prompt + tokens };
  if (o.extras === 'llama.cpp') {
    const predictedMs = (tokens / (o.tokensPerSecond ?? 200)) * 1000;
    final.timings = { cache_n: 0, prompt_n: prompt, prompt_ms: o.firstTokenDelayMs ?? 1, prompt_per_second: prompt / ((o.firstTokenDelayMs ?? 1) / 1000), predicted_n: tokens, predicted_ms: predictedMs, predicted_per_second: tokens / (predictedMs / 1000) };
  }
  if (o.extras === 'lmstudio') {
    final.stats = { tokens_per_second: o.tokensPerSecond ?? 200, time_to_first_token: (o.firstTokenDelayMs ?? 0) / 1000, generation_time: elapsedMs / 1000, stop_reason: 'maxPredictedTokensReached', ...(o.loadSeconds ? { model_load_time_seconds: o.loadSeconds } : {}) };
  }
  if (final.usage || final.timings || final.stats) write(sse(final));
  res.end('data: [DONE]\n\n');
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const sse = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const chunk = (delta: Record<string, unknown>) => ({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1757141666, model: MODEL, choices: [{ index: 0, delta, finish_reason: null }] });
