/**
 * llama.cpp `llama-server` (default port 8080), from tools/server/README.md:
 * - identify: `GET /props` answers JSON with `default_generation_settings` and `total_slots`
 *   (mlx-lm, the other server on 8080, answers 404 there); `build_info` gives the version where
 *   present. `/health` answers 200 `{"status":"ok"}`, or 503 while the model loads.
 * - read: `/props` (`model_path`, `model_alias`, `default_generation_settings.n_ctx`),
 *   `/slots` (busy/idle; 501 when started with `--no-slots`), `/metrics` (501 unless `--metrics`).
 */
import { jsonOf, jsonOrNull, textOf, type ServerGet } from './boundedGet';
import { detailsOf, numberField, record, servedModel, stringField, type ModelServerKind, type SlotUsage } from './modelServerKind';
import { parsePrometheusText, serverCountersOf, type ServerCounters } from './prometheusText';

export const llamacppKind: ModelServerKind = {
  kind: 'llamacpp',
  label: 'llama.cpp',
  defaultPorts: [8080],

  async identify(get: ServerGet) {
    const props = record(jsonOrNull(await get('/props')));
    if (!props || !record(props.default_generation_settings) || !('total_slots' in props || 'model_path' in props)) return null;
    return { version: stringField(props.build_info) };
  },

  async read(get: ServerGet) {
    const [propsAnswer, slotsAnswer, metricsAnswer] = await Promise.all([get('/props'), get('/slots'), get('/metrics')]);
    const props = record(jsonOf(propsAnswer)) ?? {};
    const settings = record(props.default_generation_settings);
    const path = stringField(props.model_path) ?? stringField(settings?.model);
    const name = stringField(props.model_alias) ?? (path ? basename(path) : 'unknown model');
    const notes: string[] = [];
    const model = servedModel(name, true, {
      contextLength: numberField(settings?.n_ctx),
      details: { ...detailsOf(props, ['total_slots']), ...(path ? { model_path: path } : {}) },
    });
    return { models: [model], slots: slotsOf(slotsAnswer, notes), counters: countersOf(metricsAnswer, notes), notes };
  },
};

function slotsOf(answer: Awaited<ReturnType<ServerGet>>, notes: string[]): SlotUsage | null {
  try {
    const slots = jsonOf(answer);
    if (!Array.isArray(slots)) return null;
    let busy = 0;
    for (const slot of slots.map(record)) {
      // Newer builds say `is_processing`; older ones `state` (0 idle, 1 processing).
      if (slot?.is_processing === true || (typeof slot?.state === 'number' && slot.state !== 0)) busy++;
    }
    return { busy, idle: slots.length - busy };
  } catch (error) {
    notes.push(`Slots not shown: ${(error as Error).message} (start llama-server with --slots to see them).`);
    return null;
  }
}

function countersOf(answer: Awaited<ReturnType<ServerGet>>, notes: string[]): ServerCounters | null {
  try {
    return serverCountersOf(parsePrometheusText(textOf(answer)));
  } catch (error) {
    notes.push(`Server counters not shown: ${(error as Error).message} (start llama-server with --metrics to see them).`);
    return null;
  }
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
