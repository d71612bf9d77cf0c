/**
 * `streamProbe`: one small streamed chat completion against an OpenAI-style server (llama.cpp,
 * vLLM, mlx-lm, LM Studio, Ollama's `/v1`), measured from the client. It sends a fixed prompt,
 * `max_tokens` 64, temperature 0, and always `stream_options: { include_usage: true }` (mlx-lm
 * fails or omits usage without it); reads the SSE stream to `[DONE]`; and returns the figures of
 * `ProbeMeter` plus any the server reported (llama.cpp `timings`, LM Studio `stats`). Any failure
 * is `{ ok: false, reason }` with nothing measured; it never throws and never waits past its deadline.
 */
import { chunkFacts } from './chatChunk';
import { ProbeMeter } from './probeMeter';
import { measuredResult, runProbeExchange } from './probeExchange';
import {
  PROBE_MAX_TOKENS,
  PROBE_PROMPT,
  type ProbeDeps,
  type ProbeRequest,
  type ProbeResult,
} from './probeTypes';
import { SseEvents } from './sseEvents';
import type { LineVerdict } from './streamingPost';

/** `<base>` + path; a base that already ends in `/v1` is not doubled. */
export function endpointUrl(baseUrl: string, path: string): URL {
  const base = baseUrl.replace(/\/+$/, '');
  const joined = base.endsWith('/v1') && path.startsWith('/v1/') ? base + path.slice(3) : base + path;
  return new URL(joined);
}

export function chatCompletionBody(model: string): string {
  return JSON.stringify({
    model,
    messages: [{ role: 'user', content: PROBE_PROMPT }],
    max_tokens: PROBE_MAX_TOKENS,
    temperature: 0,
    stream: true,
    stream_options: { include_usage: true },
  });
}

/** A first line of bare JSON: an error object the server sent with 200, or a non-streamed answer. */
function plainJson(line: string): LineVerdict {
  try {
    const facts = chunkFacts(JSON.parse(line));
    if (typeof facts === 'string') return { fail: `answered ${facts} instead of an event stream.` };
  } catch {
    // not even JSON: fall through
  }
  return { fail: 'answered plain JSON, not an event stream: the server ignored "stream": true.' };
}

export async function streamProbe(request: ProbeRequest, deps: ProbeDeps = {}): Promise<ProbeResult> {
  let url: URL;
  try {
    url = endpointUrl(request.baseUrl, request.path ?? '/v1/chat/completions');
  } catch {
    return { ok: false, reason: `"${request.baseUrl}" is not a URL; write it like http://127.0.0.1:8080.` };
  }
  const meter = new ProbeMeter(request.model, request.onFirstToken);
  const events = new SseEvents();
  let finished = false;
  let lineNumber = 0;
  // Where the event being assembled began: the line an operator would look at in a capture.
  let eventLine = 0;
  let eventStart: number | null = null;

  const onData = (data: string, at: bigint): LineVerdict => {
    if (data.trim() === '[DONE]') return 'done';
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return { fail: `sent a malformed event at line ${eventLine} (not JSON): "${data.slice(0, 80)}".` };
    }
    const facts = chunkFacts(parsed);
    if (typeof facts === 'string') return { fail: `sent ${facts} (line ${eventLine}).` };
    if (facts.model) meter.model(facts.model);
    if (facts.hasText) meter.text(at);
    if (facts.finished) finished = true;
    if (facts.finishReason === 'length') meter.reachedLimit(PROBE_MAX_TOKENS);
    meter.counts(facts.promptTokens, facts.completionTokens);
    if (facts.server) meter.serverFigures(facts.server);
    return 'more';
  };
  const onLine = (line: string, at: bigint): LineVerdict => {
    lineNumber++;
    if (eventStart === null && line.startsWith('data')) eventStart = lineNumber;
    const item = events.line(line);
    if (item === null) return 'more';
    eventLine = eventStart ?? lineNumber;
    eventStart = null;
    if (item.kind === 'malformed' && lineNumber === 1 && line.trimStart().startsWith('{')) return plainJson(line);
    if (item.kind === 'malformed') return { fail: `sent a malformed event stream at line ${lineNumber}: "${item.line.slice(0, 80)}" is not a "data:" line.` };
    return onData(item.data, at);
  };

  const { outcome, reasonFor } = await runProbeExchange(request, deps, { url, body: chatCompletionBody(request.model), accept: 'text/event-stream', meter, onLine });
  if (!outcome.ok) return reasonFor(outcome.failure);
  if (!outcome.done) {
    // The body ended without `[DONE]`: a last event without its blank line still counts.
    const last = events.end();
    if (last?.kind === 'event') {
      const verdict = onData(last.data, outcome.endAt);
      if (typeof verdict === 'object') return reasonFor({ kind: 'line', reason: verdict.fail });
    }
    if (!finished) return reasonFor({ kind: 'closed' });
  }
  return measuredResult(meter, url, outcome.endAt);
}
