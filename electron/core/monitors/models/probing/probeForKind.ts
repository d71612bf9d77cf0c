/**
 * Which probe speaks to which server: Ollama's native `/api/chat` (it reports `eval_count` and
 * `load_duration`), LM Studio's `/api/v0/chat/completions` (it adds `stats`), and the
 * OpenAI-style `/v1/chat/completions` for llama.cpp, vLLM and mlx-lm.
 */
import type { ModelServerKindName } from '../../../../../shared/types/models';
import { ollamaChatProbe, streamProbe, type ProbeRequest, type ProbeResult } from '../probe';

export type RunProbe = (kind: ModelServerKindName, request: ProbeRequest) => Promise<ProbeResult>;

export const LMSTUDIO_CHAT_PATH = '/api/v0/chat/completions';

export const probeForKind: RunProbe = (kind, request) => {
  if (kind === 'ollama') return ollamaChatProbe(request);
  if (kind === 'lmstudio') return streamProbe({ ...request, path: LMSTUDIO_CHAT_PATH });
  return streamProbe(request);
};
