/**
 * LM Studio (default port 1234), from its REST API docs (`/api/v0`, beta):
 * - identify and read: `GET /api/v0/models` → `{ "object": "list", "data": [{ id, type, arch,
 *   quantization, state: "loaded" | "not-loaded", max_context_length, … }] }`. Some builds (and
 *   `/api/v0/models/{id}`) answer one such object instead of a list; both are accepted.
 * LM Studio's native API tells no server version.
 */
import { jsonOf, jsonOrNull, ServerAnswerError, type ServerGet } from './boundedGet';
import { detailsOf, numberField, record, servedModel, stringField, type ModelServerKind } from './modelServerKind';

export const lmstudioKind: ModelServerKind = {
  kind: 'lmstudio',
  label: 'LM Studio',
  defaultPorts: [1234],

  async identify(get: ServerGet) {
    const entries = entriesOf(jsonOrNull(await get('/api/v0/models')));
    return entries !== null ? { version: null } : null;
  },

  async read(get: ServerGet) {
    const entries = entriesOf(jsonOf(await get('/api/v0/models')));
    if (entries === null) throw new ServerAnswerError("LM Studio's /api/v0/models answered JSON that is not a model list.");
    const models = entries.map((entry) =>
      servedModel(stringField(entry.id)!, entry.state === 'loaded', {
        contextLength: numberField(entry.loaded_context_length) ?? numberField(entry.max_context_length),
        details: detailsOf(entry, ['type', 'quantization', 'arch', 'publisher', 'compatibility_type', 'state']),
      }),
    );
    return { models, slots: null, counters: null, notes: [] };
  },
};

/** The model entries of a list or of one bare entry; null when it is neither (not LM Studio). */
function entriesOf(value: unknown): Record<string, unknown>[] | null {
  const body = record(value);
  if (!body) return null;
  const isEntry = (entry: Record<string, unknown> | null): entry is Record<string, unknown> =>
    entry !== null && stringField(entry.id) !== null && typeof entry.state === 'string';
  if (Array.isArray(body.data)) {
    const entries = body.data.map(record);
    // An empty list is still LM Studio when it says it is a list; an OpenAI list without `state` is not.
    return entries.every(isEntry) && (entries.length > 0 || body.object === 'list') ? entries : null;
  }
  return isEntry(body) ? [body] : null;
}
