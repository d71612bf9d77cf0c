/**
 * The one shape every model-server kind has (Ollama, llama.cpp, LM Studio, vLLM, mlx-lm): a
 * plug-in that says whether a server is of its kind (cheap GETs only, never a generation) and
 * reads what it serves. Adding a kind is adding a file and one line in `modelServerKinds.ts`.
 *
 *   const identity = await kind.identify(get);     // { version } | null — null: not this kind
 *   const reading = await kind.read(get);          // throws ServerAnswerError when the server is down
 */
import type { ServedModelFacts } from '../../../../../shared/types/models';
import type { ServerGet } from './boundedGet';
import type { ServerCounters } from './prometheusText';

export type ModelServerKindName = 'ollama' | 'llamacpp' | 'lmstudio' | 'vllm' | 'mlx';

export interface ServerIdentity {
  /** The server's own version string where it tells one (Ollama, vLLM, llama.cpp build). */
  version: string | null;
}

/** One model a server knows (the shared shape the snapshot's models extend). */
export type ServedModel = ServedModelFacts;

export interface SlotUsage {
  busy: number;
  idle: number;
}

export interface ServerReading {
  models: ServedModel[];
  /** llama.cpp `/slots`; null where the server has none or they are disabled. */
  slots: SlotUsage | null;
  /** Counters from `/metrics` (vLLM, llama.cpp `--metrics`); null where not exposed. */
  counters: ServerCounters | null;
  /** Sentences about optional parts that could not be read (e.g. `/metrics` disabled). */
  notes: string[];
}

export interface ModelServerKind {
  kind: ModelServerKindName;
  /** A name for people: "Ollama", "llama.cpp", … */
  label: string;
  defaultPorts: readonly number[];
  /** Null when the server is not of this kind (or not reachable); never throws. */
  identify(get: ServerGet): Promise<ServerIdentity | null>;
  /** Throws ServerAnswerError (a sentence) when the main listing cannot be read. */
  read(get: ServerGet): Promise<ServerReading>;
}

/** Helpers shared by the kind readers for untrusted JSON. */
export function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function stringField(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function numberField(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Only the string-valued facts, for `ServedModel.details`. */
export function detailsOf(source: Record<string, unknown> | null, keys: readonly string[]): Record<string, string> {
  const details: Record<string, string> = {};
  if (!source) return details;
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string' && value) details[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) details[key] = String(value);
  }
  return details;
}

export function servedModel(name: string, loaded: boolean, extra: Partial<ServedModel> = {}): ServedModel {
  return { name, loaded, sizeBytes: null, vramBytes: null, expiresAt: null, contextLength: null, details: {}, ...extra };
}
