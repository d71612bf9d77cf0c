import type { ActionRegistry, OpsbarAction } from '../steps/stepKind';

/** An action name: dotted lower-case words, e.g. `status.check`, `docker.prune-images`. */
export const ACTION_NAME = /^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*$/;

export function isActionName(text: string): boolean {
  return text.length <= 64 && ACTION_NAME.test(text);
}

/** The Opsbar actions `action` steps may call, by name. Duplicate or malformed names are programming errors. */
export function actionRegistry(actions: readonly OpsbarAction[]): ActionRegistry {
  const byName = new Map<string, OpsbarAction>();
  for (const action of actions) {
    if (!isActionName(action.name)) throw new Error(`invalid action name "${action.name}"`);
    if (byName.has(action.name)) throw new Error(`action ${action.name} is registered twice`);
    byName.set(action.name, action);
  }
  return { get: (name) => byName.get(name), names: () => [...byName.keys()].sort() };
}
