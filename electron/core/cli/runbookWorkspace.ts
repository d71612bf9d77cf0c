import type { Clock } from '../clock';
import { createOpsbarCore } from '../createCore';
import { silentLogger, type Logger } from '../logger';
import type { OpsbarCore } from '../opsbarCore';
import type { RunbookSystem } from '../runbooks/createRunbookSystem';

export interface RunbookWorkspace extends Pick<RunbookSystem, 'catalog' | 'runs'> {
  /** Config problems and a database moved aside: said on stderr, never fatal. */
  notices: string[];
  subscribe: OpsbarCore['subscribe'];
  close(): Promise<void>;
}

/**
 * What `opsbar runbook …` needs from the data dir, built by the core's one factory in its CLI
 * role: the config, the store (runs are recorded like the app's), the library and the runner,
 * no background monitors or schedules. A `status.check` step takes a one-shot reading.
 */
export function openRunbookWorkspace(options: { dataDir: string; clock: Clock; log?: Logger }): RunbookWorkspace {
  const core = createOpsbarCore({ dataDir: options.dataDir, clock: options.clock, log: options.log ?? silentLogger, role: 'cli' });
  return {
    catalog: core.runbooks.catalog,
    runs: core.runbooks.runs,
    notices: core.notices,
    subscribe: (listener) => core.subscribe(listener),
    close: () => core.stop(),
  };
}
