import type { ActionName } from '../../../shared/types/actions';
import type { LiveMessage } from '../../../shared/api/live';
import type { AuditEntry } from '../store/auditLog';
import type { ActionLog } from '../store/actionLog';
import type { ActionDeps, AnyActionPlugin } from './actionPlugin';
import type { ActionSystem } from './actionSystem';

export interface ActionSystemOptions {
  plugins: readonly AnyActionPlugin[];
  deps: ActionDeps;
  /** The plans and runs table (read through the store each time: the database may move). */
  log(): ActionLog;
  audit(entry: AuditEntry): void;
  publish(message: LiveMessage): void;
  /** The host's action lock file (one action at a time for the app, `serve` and the CLI). */
  lockPath: string;
  /** An action run's start, items and end on the incident timeline of the alerts it relieves. */
  onRun?(outcome: import('../../../shared/types/actions').ActionOutcome, action: ActionName): void;
  role: 'app' | 'cli';
}

/** STUB (foundation): replaced by the framework engineer. */
export function createActionSystem(options: ActionSystemOptions): ActionSystem {
  void options;
  const notBuilt = (): never => {
    throw new Error('emergency actions are not built yet');
  };
  return {
    plan: async () => notBuilt(),
    execute: () => notBuilt(),
    cancel: () => false,
    get: () => notBuilt(),
    recent: () => [],
    recover: () => [],
    diskUsage: async () => notBuilt(),
    stop: async () => {},
  };
}
