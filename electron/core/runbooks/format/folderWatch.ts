import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../../logger';

/** Changes often come in bursts (an editor's save, a git checkout): one reload after the last. */
export const FOLDER_WATCH_DEBOUNCE_MS = 250;

/**
 * Calls `changed` once a burst of changes in any of the folders has settled. Best effort only:
 * fs.watch misses events on some file systems (network mounts, some containers), which is why
 * the catalog also re-checks signatures whenever it is asked. A folder that cannot be watched
 * (missing, not a folder) is simply not watched; neither the timer nor the watch keeps the
 * process alive.
 */
export function watchFolders(dirs: readonly string[], changed: () => void, log?: Logger): { close(): void } {
  let timer: NodeJS.Timeout | null = null;
  const fire = () => {
    timer = null;
    try {
      changed();
    } catch (error) {
      log?.error(`Reloading the runbook library after a change failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const onEvent = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, FOLDER_WATCH_DEBOUNCE_MS);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const watcher = watch(dir, { persistent: false }, onEvent);
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // Not watchable: the on-demand signature check still sees changes.
    }
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      for (const watcher of watchers) watcher.close();
    },
  };
}
