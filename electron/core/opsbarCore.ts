import type { RunDetail, RunSummary } from '../../shared/types/runbooks';
import type { StatusSnapshot } from '../../shared/types/status';
import type { ApiDispatcher } from './api/dispatcher';
import type { LiveListener } from './liveHub';

/**
 * What the core offers to its hosts: the Electron shell, the headless server and the CLI.
 * Built by `createOpsbarCore` (electron/core/createCore.ts), the one composition root.
 */
export interface OpsbarCore {
  readonly dataDir: string;
  /** The one API checkpoint: validates method and payload, answers an envelope. */
  readonly dispatch: ApiDispatcher;
  /** Live status and events; returns an unsubscribe function. */
  subscribe(listener: LiveListener): () => void;
  /** The latest status (overall severity, checks, snapshots). */
  status(): StatusSnapshot;
  /** Runs a runbook through (the tray's "Run daily health check"): its current file, default params. */
  startRunbook(runbookId: string, trigger: 'tray' | 'cli'): RunDetail;
  /** The newest run of a runbook, or null. */
  lastRun(runbookId: string): RunSummary | null;
  /** Things the operator should know from start-up: config problems, a database moved aside. */
  readonly notices: string[];
  /** Starts collectors and background jobs; resolves once the first samples are in. */
  start(): Promise<void>;
  /** Stops collectors, flushes and closes the store. */
  stop(): Promise<void>;
}
