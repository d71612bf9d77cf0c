/**
 * `ollamaChatProbe`: the same probe over Ollama's native `POST /api/chat`, whose stream is NDJSON
 * (one JSON object per line) and whose last line (`done: true`) carries the server's own figures:
 * `eval_count`, `eval_duration`, `prompt_eval_count`, `prompt_eval_duration`, `load_duration`
 * (nanoseconds). `eval_count` is the token count for the client's decode rate (never estimated
 * when present); `load_duration` above `OLLAMA_COLD_LOAD_MS` marks the probe cold.
 * Text is `message.content` or `message.thinking` (reasoning models).
 */
import { ProbeMeter } from './probeMeter';
import { measuredResult, runProbeExchange } from './probeExchange';
import {
  PROBE_MAX_TOKENS,
  PROBE_PROMPT,
  type ProbeDeps,
  type ProbeRequest,
  type ProbeResult,
} from './probeTypes';
import { ollamaFinal } from './serverFigures';
import { endpointUrl } from './streamProbe';
import type { LineVerdict } from './streamingPost';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;

export function ollamaChatBody(model: string): string {
  return JSON.stringify({
    model,
    messages: [{ role: 'user', content: PROBE_PROMPT }],
    stream: true,
    options: { temperature: 0, num_predict: PROBE_MAX_TOKENS },
  });
}

export async function ollamaChatProbe(request: ProbeRequest, deps: ProbeDeps = {}): Promise<ProbeResult> {
  let url: URL;
  try {
    url = endpointUrl(request.baseUrl.replace(/\/v1\/?$/, ''), '/api/chat');
  } catch {
    return { ok: false, reason: `"${request.baseUrl}" is not a URL; write it like http://127.0.0.1:11434.` };
  }
  const meter = new ProbeMeter(request.model, request.onFirstToken);
  let lineNumber = 0;

  const onLine = (line: string, at: bigint): LineVerdict => {
    lineNumber++;
    if (line.trim() === '') return 'more';
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { fail: `sent a malformed line ${lineNumber} (not JSON): "${line.slice(0, 80)}".` };
    }
    if (!isObj(parsed)) return { fail: `sent line ${lineNumber} that is not a JSON object.` };
    if (parsed.error !== undefined) return { fail: `reported an error: ${String(parsed.error).slice(0, 200)}.` };
    if (typeof parsed.model === 'string' && parsed.model !== '') meter.model(parsed.model);
    const message = isObj(parsed.message) ? parsed.message : {};
    if (nonEmpty(message.content) || nonEmpty(message.thinking)) meter.text(at);
    if (parsed.done !== true) return 'more';
    const server = ollamaFinal(parsed);
    meter.serverFigures(server);
    if (server.kind === 'ollama') meter.counts(server.promptEvalCount, server.evalCount);
    return 'done';
  };

  const { outcome, reasonFor } = await runProbeExchange(request, deps, { url, body: ollamaChatBody(request.model), accept: 'application/x-ndjson', meter, onLine });
  if (!outcome.ok) return reasonFor(outcome.failure);
  // The body ended before the `done: true` line: cut off mid-answer.
  if (!outcome.done) return reasonFor({ kind: 'closed' });
  return measuredResult(meter, url, outcome.endAt);
}
