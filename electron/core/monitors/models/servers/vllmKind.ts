/**
 * vLLM's OpenAI-compatible server (default port 8000), from vllm/entrypoints/openai/api_server.py:
 * - identify: `GET /version` → `{ "version": "0.6.3" }`, confirmed by `/metrics` carrying `vllm:`
 *   families or `/v1/models` entries `owned_by: "vllm"` (a bare `/version` is too common to trust).
 * - read: `/v1/models` (`id`, `max_model_len`, `root`; every listed model is loaded) and
 *   `/metrics` (`vllm:generation_tokens_total`, `vllm:prompt_tokens_total`, `vllm:num_requests_running`).
 */
import { jsonOf, jsonOrNull, textOf, type GetOutcome, type ServerGet } from './boundedGet';
import { detailsOf, numberField, record, servedModel, stringField, type ModelServerKind } from './modelServerKind';
import { parsePrometheusText, serverCountersOf } from './prometheusText';
import { openAiModelEntries } from './openAiModels';

export const vllmKind: ModelServerKind = {
  kind: 'vllm',
  label: 'vLLM',
  defaultPorts: [8000],

  async identify(get: ServerGet) {
    const version = stringField(record(jsonOrNull(await get('/version')))?.version);
    if (!version) return null;
    const [metrics, models] = await Promise.all([get('/metrics'), get('/v1/models')]);
    const saysVllm =
      (metrics.ok && metrics.status === 200 && metrics.body.includes('vllm:')) ||
      (openAiModelEntries(jsonOrNull(models)) ?? []).some((entry) => entry.owned_by === 'vllm');
    return saysVllm ? { version } : null;
  },

  async read(get: ServerGet) {
    const [modelsAnswer, metricsAnswer] = await Promise.all([get('/v1/models'), get('/metrics')]);
    const entries = openAiModelEntries(jsonOf(modelsAnswer)) ?? [];
    const models = entries.map((entry) =>
      servedModel(stringField(entry.id)!, true, {
        contextLength: numberField(entry.max_model_len),
        details: detailsOf(entry, ['root']),
      }),
    );
    const notes: string[] = [];
    return { models, slots: null, counters: metricsOf(metricsAnswer, notes), notes };
  },
};

function metricsOf(answer: GetOutcome, notes: string[]) {
  try {
    return serverCountersOf(parsePrometheusText(textOf(answer)));
  } catch (error) {
    notes.push(`Server counters not shown: ${(error as Error).message}`);
    return null;
  }
}
