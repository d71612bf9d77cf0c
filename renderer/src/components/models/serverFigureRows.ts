import type { ServerProbeFigures } from '../../../../shared/types/models';
import { formatCount, formatMs } from './modelFormat';

/** The server's figures that line up with the client's rows (null where it does not say). */
export interface ServerCommon {
  ttftMs: number | null;
  decode: number | null;
  prefill: number | null;
  tokens: number | null;
  promptTokens: number | null;
  totalMs: number | null;
}

/** Where the server's figures come from, in its own API's words. */
export const SERVER_SOURCE: Record<ServerProbeFigures['kind'], string> = {
  ollama: "Ollama's /api/chat answer",
  'llama.cpp': "llama.cpp's timings",
  lmstudio: "LM Studio's stats",
};

export function serverCommon(server: ServerProbeFigures | null): ServerCommon {
  if (!server) return { ttftMs: null, decode: null, prefill: null, tokens: null, promptTokens: null, totalMs: null };
  switch (server.kind) {
    case 'ollama':
      return { ttftMs: null, decode: server.decodeTokensPerSecond, prefill: server.prefillTokensPerSecond, tokens: server.evalCount, promptTokens: server.promptEvalCount, totalMs: server.totalMs };
    case 'llama.cpp':
      return { ttftMs: null, decode: server.decodeTokensPerSecond, prefill: server.prefillTokensPerSecond, tokens: server.predictedTokens, promptTokens: server.promptTokens, totalMs: null };
    case 'lmstudio':
      return { ttftMs: server.ttftMs, decode: server.decodeTokensPerSecond, prefill: null, tokens: null, promptTokens: null, totalMs: null };
  }
}

/** The server's own fields that have no client counterpart, in its terms: [name, value]. */
export function serverOwnFields(server: ServerProbeFigures | null): Array<[string, string]> {
  if (!server) return [];
  const fields: Array<[string, string | null]> = [];
  switch (server.kind) {
    case 'ollama':
      fields.push(
        ['prompt_eval_duration', server.promptEvalMs == null ? null : formatMs(server.promptEvalMs)],
        ['eval_duration', server.evalMs == null ? null : formatMs(server.evalMs)],
        ['load_duration', server.loadMs == null ? null : formatMs(server.loadMs)],
      );
      break;
    case 'llama.cpp':
      fields.push(
        ['cache_n', server.cachedTokens == null ? null : formatCount(server.cachedTokens)],
        ['prompt_ms', server.promptMs == null ? null : formatMs(server.promptMs)],
        ['predicted_ms', server.predictedMs == null ? null : formatMs(server.predictedMs)],
      );
      break;
    case 'lmstudio':
      fields.push(
        ['generation_time', server.generationMs == null ? null : formatMs(server.generationMs)],
        ['model_load_time', server.modelLoadMs == null ? null : formatMs(server.modelLoadMs)],
      );
      break;
  }
  return fields.filter((field): field is [string, string] => field[1] !== null);
}
