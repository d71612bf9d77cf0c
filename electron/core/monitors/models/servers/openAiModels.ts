/**
 * The OpenAI-style model list `GET /v1/models` → `{ "object": "list", "data": [{ "id", … }] }`
 * that vLLM, mlx-lm, llama.cpp and LM Studio all answer. Null when the body is not such a list.
 */
import { record, stringField } from './modelServerKind';

export function openAiModelEntries(value: unknown): Record<string, unknown>[] | null {
  const data = record(value)?.data;
  if (!Array.isArray(data)) return null;
  return data.map(record).filter((entry): entry is Record<string, unknown> => entry !== null && stringField(entry.id) !== null);
}
