import type Dockerode from 'dockerode';
import type { Settings } from '../../../shared/config/settingsSchema';
import type { ActionName, ActionPlan, ActionVerification, ItemOutcome, KeptItem, PlanItem } from '../../../shared/types/actions';
import type { ModuleId, StatusSnapshot } from '../../../shared/types/status';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { DockerClientProvider } from '../monitors/docker/dockerClientProvider';
import type { CommandRunner } from '../process/commandRunner';
import type { OpsbarStore } from '../store/opsbarStore';
import type { SnapshotService } from './rollback/snapshotService';

/** What a plugin may use: injected by the composition root (createCore), never reached for. */
export interface ActionDeps {
  clock: Clock;
  log: Logger;
  settings(): Settings;
  dataDir: string;
  /** The Engine API client for the current endpoint (read calls) and the full one for writes (`docker.current().api`, `dockerodeFor`). */
  docker: DockerClientProvider;
  /** The full Engine API for writes (remove, tag, create); throws RefusedError when Docker is off or absent. Wrap calls in `withDeadline`. */
  dockerAdmin(): Dockerode;
  commands: CommandRunner;
  /** The live status (in the app), or a one-shot reading in a CLI run. */
  status(): Promise<StatusSnapshot>;
  /** A fresh reading of these modules now (verify: GPU memory after). */
  collect(ids: readonly ModuleId[]): Promise<StatusSnapshot>;
  /** The history store (disk: retention and vacuum of Opsbar's own history). */
  store(): OpsbarStore;
  snapshots: SnapshotService;
  /** The process's own PID and the PIDs of Opsbar itself (never acted on). */
  ownPids(): number[];
  fetch: typeof fetch;
}

/** What `plan` returns; the framework adds the id, hash, times and the predicted total. */
export interface PlanDraft {
  title: string;
  items: PlanItem[];
  kept: KeptItem[];
  notes: string[];
  /** Non-empty: the plan cannot run (shown, and execution is refused before anything is touched). */
  refusals: string[];
}

/** Per execution, after the lock is taken. */
export interface ExecutionContext extends ActionDeps {
  /** Aborted by a cancel (checked between items) or by Opsbar stopping: calls in flight should end. */
  signal: AbortSignal;
  /** Deadline for one call (ms): every external call gets one. */
  callTimeoutMs: number;
}

export interface ItemResult {
  outcome: 'done' | 'skipped' | 'failed';
  detail: string;
  bytes?: number | null;
  /** Rollback: the snapshot taken of the state before (offered as the roll-forward). */
  rollForwardSnapshotId?: string;
}

/**
 * An emergency action as a plug-in. The framework (createActionSystem) stores the plan, takes the
 * host's action lock, writes the intent before the first side effect, calls `executeItem` for
 * each confirmed item in plan order (recording each outcome as it happens), and ends with
 * `verify`. A plugin never acts on anything that is not the item it was given.
 */
export interface ActionPlugin<Params = Record<string, unknown>> {
  readonly name: ActionName;
  /** Reads the host and lists the exact items and what is kept, and why. Touches nothing. */
  plan(params: Params, deps: ActionDeps): Promise<PlanDraft>;
  /**
   * Just before the first item: re-checks preconditions (refusals stop the run before anything
   * is touched) and measures what `verify` compares against (free bytes, GPU memory).
   */
  prepare(plan: ActionPlan, items: readonly PlanItem[], context: ExecutionContext): Promise<{ refusals: string[]; before: Record<string, number | null> }>;
  /** Re-checks the item's facts (skipped when changed), then acts on exactly this item. A throw is a failed item. */
  executeItem(item: PlanItem, plan: ActionPlan, context: ExecutionContext): Promise<ItemResult>;
  /** A failed item stops the items after it (rollback is a sequence; disk items are independent). */
  readonly stopOnFailure: boolean;
  /** Measured after: predicted against actual. */
  verify(plan: ActionPlan, outcomes: readonly ItemOutcome[], before: Record<string, number | null>, context: ExecutionContext): Promise<ActionVerification>;
}

export type AnyActionPlugin = ActionPlugin<never>;
