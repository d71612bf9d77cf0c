/**
 * Ollama (default port 11434), from its docs/api.md:
 * - identify: `GET /api/version` → `{ "version": "0.5.7" }`.
 * - read: `GET /api/tags` (models on disk) and `GET /api/ps` (models in memory, with `size`,
 *   `size_vram`, `expires_at`). Some builds and filtered outputs carry `size_vram` without `size`;
 *   each field is read on its own so a missing one is null, not a failure.
 */
import { jsonOf, jsonOrNull, ServerAnswerError, type ServerGet } from './boundedGet';
import { detailsOf, numberField, record, servedModel, stringField, type ModelServerKind, type ServedModel } from './modelServerKind';

export const ollamaKind: ModelServerKind = {
  kind: 'ollama',
  label: 'Ollama',
  defaultPorts: [11434],

  async identify(get: ServerGet) {
    const version = stringField(record(jsonOrNull(await get('/api/version')))?.version);
    return version ? { version } : null;
  },

  async read(get: ServerGet) {
    const [tags, ps] = await Promise.all([get('/api/tags'), get('/api/ps')]);
    const available = modelList(jsonOf(tags), '/api/tags').map((entry) => toModel(entry, false));
    const notes: string[] = [];
    let loaded: ServedModel[] = [];
    try {
      loaded = modelList(jsonOf(ps), '/api/ps').map((entry) => toModel(entry, true));
    } catch (error) {
      notes.push(`Loaded models unknown: ${(error as Error).message}`);
    }
    const loadedNames = new Set(loaded.map((model) => model.name));
    return { models: [...loaded, ...available.filter((model) => !loadedNames.has(model.name))], slots: null, counters: null, notes };
  },
};

function modelList(value: unknown, path: string): Record<string, unknown>[] {
  const models = record(value)?.models;
  if (!Array.isArray(models)) throw new ServerAnswerError(`Ollama's ${path} answered JSON without a "models" list.`);
  return models.map(record).filter((entry): entry is Record<string, unknown> => entry !== null && stringField(entry.name ?? entry.model) !== null);
}

function toModel(entry: Record<string, unknown>, loaded: boolean): ServedModel {
  const details = record(entry.details);
  return servedModel(stringField(entry.name) ?? stringField(entry.model)!, loaded, {
    sizeBytes: numberField(entry.size),
    vramBytes: loaded ? numberField(entry.size_vram) : null,
    expiresAt: loaded ? stringField(entry.expires_at) : null,
    contextLength: numberField(entry.context_length),
    details: detailsOf(details, ['family', 'parameter_size', 'quantization_level', 'format']),
  });
}
