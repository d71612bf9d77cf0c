/**
 * mlx-lm's `mlx_lm.server` (default port 8080, like llama.cpp). From ml-explore/mlx-lm
 * `mlx_lm/server.py` (`APIHandler.do_GET`): it answers only `GET /v1/models…` (the mlx models in
 * the Hugging Face cache, plus the `--model` path when local) and `GET /health` → `{"status": "ok"}`;
 * every other GET is 404 "Not Found". llama.cpp answers `/health` the same way but also `/props`,
 * so "`/props` is not JSON" is what tells mlx-lm apart; vLLM's `/health` has an empty body.
 * mlx-lm tells no version, and does not say which model is in memory. What it does (server.py
 * `ModelProvider`): the `--model` it was started with is loaded at start and answers requests for
 * the model `default_model` (also the model of a request that names none); any other listed
 * model is loaded on the first request that names it. So the reading lists `default_model` as the
 * loaded one — probing it never loads anything new (a server started without `--model` answers
 * it with an error, which the probe reports) — and every listed model as not loaded.
 */
import { jsonOf, jsonOrNull, ServerAnswerError, type ServerGet } from './boundedGet';
import { record, servedModel, stringField, type ModelServerKind } from './modelServerKind';
import { openAiModelEntries } from './openAiModels';

/** mlx-lm's name for the model given with `--model` (loaded at start). */
export const MLX_DEFAULT_MODEL = 'default_model';

export const mlxKind: ModelServerKind = {
  kind: 'mlx',
  label: 'mlx-lm',
  defaultPorts: [8080],

  async identify(get: ServerGet) {
    const [health, models, props] = await Promise.all([get('/health'), get('/v1/models'), get('/props')]);
    const healthy = record(jsonOrNull(health))?.status === 'ok';
    const listsModels = openAiModelEntries(jsonOrNull(models)) !== null;
    const answersProps = jsonOrNull(props) !== null;
    return healthy && listsModels && !answersProps ? { version: null } : null;
  },

  async read(get: ServerGet) {
    const entries = openAiModelEntries(jsonOf(await get('/v1/models')));
    if (entries === null) throw new ServerAnswerError("mlx-lm's /v1/models answered JSON without a \"data\" list.");
    const listed = entries.map((entry) => servedModel(stringField(entry.id)!, false));
    const models = [servedModel(MLX_DEFAULT_MODEL, true, { details: { means: 'the model mlx_lm.server was started with (--model)' } }), ...listed.filter((m) => m.name !== MLX_DEFAULT_MODEL)];
    return {
      models,
      slots: null,
      counters: null,
      notes: ['mlx-lm does not say which model is in memory: default_model is the one it was started with (--model); the others load on the first request that names them.'],
    };
  },
};
