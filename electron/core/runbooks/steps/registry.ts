import type { StepKind } from './stepKind';

/** The step kinds a runbook may use, by name. Adding one is adding a file and a line in builtInStepKinds. */
export interface StepKindRegistry {
  get(name: string): StepKind | undefined;
  names(): string[];
}

export function stepKindRegistry(kinds: readonly StepKind[]): StepKindRegistry {
  const byName = new Map(kinds.map((kind) => [kind.name, kind]));
  return { get: (name) => byName.get(name), names: () => [...byName.keys()].sort() };
}
