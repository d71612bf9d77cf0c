/**
 * What one OpenAI-style streamed chat chunk (`chat.completion.chunk`) tells the probe: whether it
 * carries generated text (content, or reasoning as `reasoning_content` — llama.cpp, vLLM,
 * DeepSeek — or `reasoning` — newer vLLM, Ollama, OpenRouter), the usage of the final chunk
 * (empty `choices`), and any server figures riding on it. An `{"error": …}` event is an error.
 */
import { llamaCppTimings, lmStudioStats } from './serverFigures';
import type { ServerFigures } from './probeTypes';

export interface ChunkFacts {
  model: string | null;
  /** The chunk carries non-empty generated text (a role-only or finish-only chunk does not). */
  hasText: boolean;
  finished: boolean;
  /** `finish_reason` of a choice that ended ("length": the server stopped at `max_tokens`). */
  finishReason: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  server: ServerFigures | null;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);

/** Facts from a parsed chunk, or a string: the error the server put in the stream. */
export function chunkFacts(chunk: unknown): ChunkFacts | string {
  if (!isObj(chunk)) return 'an event that is not a JSON object';
  if (chunk.error !== undefined) {
    const e = chunk.error;
    const message = isObj(e) && typeof e.message === 'string' ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
    return `an error: ${message.slice(0, 200)}`;
  }
  const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
  let hasText = false;
  let finished = false;
  let finishReason: string | null = null;
  for (const choice of choices) {
    if (!isObj(choice)) continue;
    const delta = isObj(choice.delta) ? choice.delta : {};
    if (nonEmpty(delta.content) || nonEmpty(delta.reasoning_content) || nonEmpty(delta.reasoning)) hasText = true;
    if (typeof choice.finish_reason === 'string') {
      finished = true;
      finishReason = choice.finish_reason;
    }
  }
  const usage = isObj(chunk.usage) ? chunk.usage : null;
  return {
    model: typeof chunk.model === 'string' && chunk.model !== '' ? chunk.model : null,
    hasText,
    finished,
    finishReason,
    promptTokens: usage ? count(usage.prompt_tokens) : null,
    completionTokens: usage ? count(usage.completion_tokens) : null,
    server: llamaCppTimings(chunk) ?? lmStudioStats(chunk),
  };
}
