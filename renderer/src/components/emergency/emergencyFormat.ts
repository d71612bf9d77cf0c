/** Words for the emergency pages: what an item's kind does, what a run's state means, days until full. */
import type { ActionName, ActionRunState, ItemOutcomeState, PlanItem } from '../../../../shared/types/actions';

export const ACTION_TITLES: Record<ActionName, string> = {
  disk: 'Free disk space',
  gpu: 'Relieve GPU memory',
  rollback: 'Roll a stack back',
  container: 'Restart, stop or start',
};

/** One line under each action's button on the index. */
export const ACTION_LINES: Record<ActionName, string> = {
  disk: 'Stopped containers, dangling images, build cache, big logs and opted-in caches, each listed with its size. Volumes are never touched.',
  gpu: 'Unload models, restart or stop containers and your own processes that hold GPU memory, then measure what was released.',
  rollback: 'Recreate a compose stack from a known-good snapshot and wait for it to be healthy; the current state is kept for a roll-forward.',
  container: 'Restart, stop or start a container, or restart a stack in dependency order, then wait until it runs (and is healthy).',
};

const KIND_WORDS: Record<string, string> = {
  'container.remove': 'Remove container',
  'image.remove': 'Remove image',
  'log.truncate': 'Truncate log',
  'buildcache.remove': 'Remove build cache',
  'cache.remove': 'Delete cached model',
  'history.vacuum': "Trim Opsbar's history",
  'model.unload': 'Unload model',
  'container.restart': 'Restart container',
  'container.stop': 'Stop container',
  'container.start': 'Start container',
  'process.stop': 'Stop process',
};

/** `container.remove` → "Remove container"; `rollback.recreate` → "Rollback: recreate"; unknown kinds as they are. */
export function kindWords(kind: string): string {
  if (KIND_WORDS[kind]) return KIND_WORDS[kind];
  if (kind.startsWith('rollback.')) return `Rollback: ${kind.slice('rollback.'.length).replace(/[-_]/g, ' ')}`;
  return kind;
}

/** Kept items by their kind: "volume", "container", "image" (the plan's own word). */
export function keptKindWords(kind: string): string {
  return kind.replace(/[._-]/g, ' ');
}

export const ITEM_STATE_WORDS: Record<ItemOutcomeState, string> = {
  pending: 'waiting',
  'in-flight': 'in progress',
  done: 'done',
  skipped: 'skipped',
  failed: 'failed',
  unknown: 'outcome unknown',
};

export const RUN_STATE_WORDS: Record<ActionRunState, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partly done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  refused: 'Refused',
  unknown: 'Outcome unknown',
};

/** Severity class for a run's state word (colour always comes with the word). */
export function runStateClass(state: ActionRunState): string {
  if (state === 'succeeded') return 'sev-ok';
  if (state === 'failed' || state === 'unknown') return 'sev-critical';
  if (state === 'running') return 'sev-info';
  return 'sev-warning';
}

/** Predicted bytes of the ticked items, and how many of them have no known size. */
export function predictedOf(items: readonly PlanItem[], ticked: ReadonlySet<string>): { bytes: number; unknown: number; count: number } {
  let bytes = 0;
  let unknown = 0;
  let count = 0;
  for (const item of items) {
    if (!ticked.has(item.id)) continue;
    count++;
    if (item.bytes == null) unknown++;
    else bytes += item.bytes;
  }
  return { bytes, unknown, count };
}

/** "/ full in 6.2 days at the current rate", "not filling", or why it cannot be told. */
export function daysUntilFullWords(mount: string, daysUntilFull: number | null, bytesPerDay: number | null): string {
  if (daysUntilFull != null && Number.isFinite(daysUntilFull)) {
    const days = daysUntilFull < 10 ? daysUntilFull.toFixed(1) : Math.round(daysUntilFull).toString();
    return `${mount} full in ${days} days at the current rate`;
  }
  if (bytesPerDay == null) return `${mount}: not enough disk history to tell a rate yet`;
  return `${mount} not filling`;
}
