/**
 * The registry of model-server kinds, in the order they are tried when a port does not say which
 * kind to expect. The most specific identifications (a dedicated path with a telling body) come
 * first; mlx-lm, which only answers OpenAI-style paths, comes last.
 */
import { llamacppKind } from './llamacppKind';
import { lmstudioKind } from './lmstudioKind';
import type { ModelServerKind, ModelServerKindName } from './modelServerKind';
import { mlxKind } from './mlxKind';
import { ollamaKind } from './ollamaKind';
import { vllmKind } from './vllmKind';

export const modelServerKinds: readonly ModelServerKind[] = [ollamaKind, llamacppKind, lmstudioKind, vllmKind, mlxKind];

export function modelServerKind(name: ModelServerKindName): ModelServerKind {
  const found = modelServerKinds.find((kind) => kind.kind === name);
  if (!found) throw new Error(`Unknown model server kind "${name}".`);
  return found;
}

/** Kinds whose default port is `port` first (registry order), then the others. */
export function kindsForPort(port: number | null, kinds: readonly ModelServerKind[] = modelServerKinds): ModelServerKind[] {
  const matching = kinds.filter((kind) => port !== null && kind.defaultPorts.includes(port));
  return [...matching, ...kinds.filter((kind) => !matching.includes(kind))];
}
