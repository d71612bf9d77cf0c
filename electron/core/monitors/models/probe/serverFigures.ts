/**
 * Reads the figures a server reports about its own work on a request:
 * - llama.cpp: `timings` on the last streamed chunk (`predicted_per_second`, `prompt_per_second`,
 *   `predicted_n`, `prompt_n`, `cache_n`, `*_ms`);
 * - LM Studio (`/api/v0/…`): `stats` (`tokens_per_second`, `time_to_first_token` and
 *   `generation_time` in seconds, `model_load_time_seconds` only when the request loaded the model);
 * - Ollama native `/api/chat`: the `done` line (`eval_count`, `eval_duration`, `prompt_eval_*`,
 *   `load_duration`, `total_duration`, durations in nanoseconds).
 * Missing or non-numeric fields become null; a field is never guessed.
 */
import type { ServerFigures } from './probeTypes';

/**
 * Ollama reports `load_duration` on every request: a few ms when the model was already resident
 * (the docs' example: 1.3 ms), seconds when it was read from disk. 1 s sits between the two.
 */
export const OLLAMA_COLD_LOAD_MS = 1000;

type Json = Record<string, unknown>;

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function obj(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

const times = (value: number | null, factor: number): number | null => (value === null ? null : value * factor);

export function llamaCppTimings(chunk: Json): ServerFigures | null {
  const t = obj(chunk.timings);
  if (!t) return null;
  return {
    kind: 'llama.cpp',
    decodeTokensPerSecond: num(t.predicted_per_second),
    prefillTokensPerSecond: num(t.prompt_per_second),
    predictedTokens: num(t.predicted_n),
    promptTokens: num(t.prompt_n),
    cachedTokens: num(t.cache_n),
    predictedMs: num(t.predicted_ms),
    promptMs: num(t.prompt_ms),
  };
}

export function lmStudioStats(chunk: Json): ServerFigures | null {
  const s = obj(chunk.stats);
  if (!s) return null;
  return {
    kind: 'lmstudio',
    decodeTokensPerSecond: num(s.tokens_per_second),
    ttftMs: times(num(s.time_to_first_token), 1000),
    generationMs: times(num(s.generation_time), 1000),
    modelLoadMs: times(num(s.model_load_time_seconds), 1000),
  };
}

export function ollamaFinal(line: Json): ServerFigures {
  const evalCount = num(line.eval_count);
  const evalNs = num(line.eval_duration);
  const promptCount = num(line.prompt_eval_count);
  const promptNs = num(line.prompt_eval_duration);
  const rate = (count: number | null, ns: number | null) => (count !== null && ns !== null && ns > 0 ? count / (ns / 1e9) : null);
  return {
    kind: 'ollama',
    decodeTokensPerSecond: rate(evalCount, evalNs),
    prefillTokensPerSecond: rate(promptCount, promptNs),
    evalCount,
    evalMs: times(evalNs, 1e-6),
    promptEvalCount: promptCount,
    promptEvalMs: times(promptNs, 1e-6),
    loadMs: times(num(line.load_duration), 1e-6),
    totalMs: times(num(line.total_duration), 1e-6),
  };
}

/** Cold = the server says it loaded the model for this request; servers that never say are warm. */
export function isCold(server: ServerFigures | null): boolean {
  if (server?.kind === 'lmstudio') return server.modelLoadMs !== null;
  if (server?.kind === 'ollama') return server.loadMs !== null && server.loadMs > OLLAMA_COLD_LOAD_MS;
  return false;
}
