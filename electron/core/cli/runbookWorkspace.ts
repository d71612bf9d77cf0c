import { join } from 'node:path';
import type { Clock } from '../clock';
import { configPathIn, loadConfigFile } from '../config/configFile';
import { DATABASE_FILE_NAME } from '../createCore';
import { silentLogger, type Logger } from '../logger';
import { createRunbookSystem, type RunbookSystem } from '../runbooks/createRunbookSystem';
import { takeStatusSnapshot } from '../status/statusSnapshot';
import { OpsbarStore } from '../store/opsbarStore';
import type { LiveMessage } from '../../../shared/api/live';

export interface RunbookWorkspace extends Pick<RunbookSystem, 'catalog' | 'runs'> {
  /** Config problems and a database moved aside: said on stderr, never fatal. */
  notices: string[];
  subscribe(listener: (message: LiveMessage) => void): () => void;
  close(): Promise<void>;
}

/**
 * What `opsbar runbook …` needs from the data dir: the config, the store (runs are recorded
 * like the app's) and the runbook library and runner, without monitors or schedules. The
 * `status.check` action takes a one-shot status snapshot, only if a step asks for it.
 */
export function openRunbookWorkspace(options: { dataDir: string; clock: Clock; log?: Logger }): RunbookWorkspace {
  const log = options.log ?? silentLogger;
  const loaded = loadConfigFile(configPathIn(options.dataDir));
  const notices = loaded.problems.map((p) => `Config ${p.path}: ${p.message}`);
  const { store, notice } = OpsbarStore.open(join(options.dataDir, DATABASE_FILE_NAME), { now: () => options.clock.now() });
  if (notice.kind === 'corrupt-moved-aside') notices.push(notice.message);
  const listeners = new Set<(message: LiveMessage) => void>();
  const system = createRunbookSystem({
    dataDir: options.dataDir,
    settings: () => loaded.settings,
    store,
    clock: options.clock,
    log,
    publish: (message) => listeners.forEach((listener) => listener(message)),
    status: async () => (await takeStatusSnapshot({ dataDir: options.dataDir, clock: options.clock, log })).status,
    recordEvent: (event) => store.addEvent(event),
    scheduling: false,
  });
  return {
    catalog: system.catalog,
    runs: system.runs,
    notices,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await system.stop();
      store.close();
    },
  };
}
