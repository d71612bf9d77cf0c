import type { ActionPlanRequest } from '../../../shared/api/contract/actions';
import type { LiveMessage } from '../../../shared/api/live';
import type { ActionName, ActionOutcome, ActionPlan } from '../../../shared/types/actions';
import { NotFoundError } from '../api/dispatcher';
import { RefusedError } from '../refusedError';
import type { ActionStore } from '../store/spillingActionLog';
import type { AuditEntry } from '../store/auditLog';
import { acquireActionLock, removeStaleLock, staleHolder } from './actionLock';
import type { ActionDeps, AnyActionPlugin, PlanDraft } from './actionPlugin';
import { runPlan } from './actionRun';
import type { ActionSystem, ExecuteRequest } from './actionSystem';
import { readDiskUsage } from './disk/diskUsage';
import { confirmedItems } from './executeChecks';
import { outcomePublisher } from './outcomePublisher';
import { newPlanId, planHash } from './planHash';
import { ownIdentity } from './processIdentity';
import { recoverInterruptedRuns } from './recovery';

export interface ActionSystemOptions {
  plugins: readonly AnyActionPlugin[];
  deps: ActionDeps;
  /** The plans and runs table (read through the store each time: the database may move). */
  log(): ActionStore;
  audit(entry: AuditEntry): void;
  publish(message: LiveMessage): void;
  /** The host's action lock file (one action at a time for the app, `serve` and the CLI). */
  lockPath: string;
  /** An action run's start, items and end on the incident timeline of the alerts it relieves. */
  onRun?(outcome: ActionOutcome, action: ActionName): void;
  role: 'app' | 'cli';
}

/** The deadline a plugin gives each external call (Docker, nvidia-smi, a model server). */
const CALL_TIMEOUT_MS = 60_000;
/** `stop()` waits this long for the item in flight (its call is aborted) before the core closes anyway. */
const STOP_WAIT_MS = 3_000;

interface ActiveRun {
  controller: AbortController;
  cancelled: boolean;
  done: Promise<ActionOutcome>;
}

const copyOf = (outcome: ActionOutcome): ActionOutcome => ({ ...outcome, items: outcome.items.map((item) => ({ ...item })) });

/** Emergency actions: plans stored in the history file, one run at a time on the host, every step audited. */
export function createActionSystem(options: ActionSystemOptions): ActionSystem {
  const { deps } = options;
  const self = ownIdentity();
  const active = new Map<string, ActiveRun>();
  const now = () => deps.clock.now();

  const pluginFor = (name: string): AnyActionPlugin => {
    const plugin = options.plugins.find((p) => p.name === name);
    if (!plugin) throw new RefusedError(`The emergency action "${name}" is not available in this Opsbar.`);
    return plugin;
  };
  const onRun = (outcome: ActionOutcome) => {
    try {
      options.onRun?.(copyOf(outcome), outcome.action);
    } catch (error) {
      deps.log.warn(`recording emergency action ${outcome.planId} on the incident timeline failed: ${(error as Error).message}`);
    }
  };
  const publish = (outcome: ActionOutcome) => options.publish({ type: 'action', outcome: copyOf(outcome) });

  function recover(): string[] {
    const recovered = recoverInterruptedRuns(options.log(), options.audit, now());
    try {
      const stale = staleHolder(options.lockPath, now());
      if (stale) removeStaleLock(options.lockPath, stale.text);
    } catch (error) {
      // An unusable lock path is reported when an action is executed; it must not stop a start.
      deps.log.warn((error as Error).message);
    }
    return recovered;
  }

  /** Reads show an interrupted run as `unknown` at once, also in a process that did not start the app (the CLI). */
  function recoverQuietly(): void {
    try {
      recover();
    } catch (error) {
      deps.log.warn(`checking for interrupted emergency actions failed: ${(error as Error).message}`);
    }
  }

  function refuse(error: unknown, plan: ActionPlan, actor: string): never {
    if (error instanceof RefusedError) {
      options.audit({ at: now(), actor, action: 'action.execute', target: `${plan.action} plan ${plan.id}`, outcome: 'failed', details: { planId: plan.id, refused: error.message } });
    }
    throw error;
  }

  function start(plan: ActionPlan, request: ExecuteRequest, actor: string): { outcome: ActionOutcome; done: Promise<ActionOutcome> } {
    const plugin = pluginFor(plan.action);
    let items;
    try {
      items = confirmedItems(plan, request, options.log().outcome(plan.id), now());
    } catch (error) {
      refuse(error, plan, actor);
    }
    let release: () => void;
    let lockNote: string | null = null;
    try {
      release = acquireActionLock(
        options.lockPath,
        { ...self, planId: plan.id, since: now() },
        { now: now(), onStale: () => recover(), onUnwritable: (message) => (lockNote = message) },
      );
    } catch (error) {
      refuse(error, plan, actor);
    }
    const outcome: ActionOutcome = {
      planId: plan.id,
      action: plan.action,
      state: 'running',
      actor,
      startedAt: now(),
      finishedAt: null,
      items: items.map((item) => ({ id: item.id, outcome: 'pending', detail: 'not started', bytes: null, at: null })),
      verified: null,
      message: lockNote,
      rollForwardSnapshotId: null,
    };
    try {
      // The durable intent, before the first side effect: after a crash the restart sees it.
      options.log().startRun(outcome, self);
    } catch (error) {
      release();
      if (options.log().outcome(plan.id)) refuse(new RefusedError(`Plan ${plan.id} was already executed: a plan runs once; plan again.`), plan, actor);
      // No durable intent, no side effect (a disk so full SQLite cannot write: free a little by hand first).
      throw new RefusedError(`Could not record the start of plan ${plan.id} in the history file (${(error as Error).message}): nothing was touched.`);
    }
    options.audit({ at: now(), actor, action: 'action.execute', target: `${plan.action} plan ${plan.id}`, outcome: 'confirmed', details: { planId: plan.id, itemIds: items.map((i) => i.id) } });

    const controller = new AbortController();
    const run: ActiveRun = { controller, cancelled: false, done: Promise.resolve(outcome) };
    active.set(plan.id, run);
    const changed = outcomePublisher(deps.clock, items.length, publish);
    changed(outcome);
    onRun(outcome);
    const answer = copyOf(outcome);
    run.done = runPlan({
      plugin,
      plan,
      items,
      outcome,
      context: { ...deps, signal: controller.signal, callTimeoutMs: CALL_TIMEOUT_MS },
      log: options.log,
      audit: options.audit,
      changed,
      cancelRequested: () => run.cancelled || cancelAskedElsewhere(plan.id),
    })
      .catch((error: unknown) => {
        // Only the history's own writes get here (the store closed under a stop): the next start recovers the run.
        deps.log.warn(`emergency action ${plan.id} could not be recorded to its end: ${(error as Error).message}`);
        return outcome;
      })
      .finally(() => {
        active.delete(plan.id);
        try {
          release();
        } catch (error) {
          deps.log.warn(`the emergency action lock ${options.lockPath} could not be removed (${(error as Error).message}): the next action takes it over once this process has ended.`);
        }
      })
      .then((final) => {
        onRun(final);
        return copyOf(final);
      });
    return { outcome: answer, done: run.done };
  }

  function cancelAskedElsewhere(planId: string): boolean {
    try {
      return options.log().cancelRequested(planId);
    } catch {
      return false;
    }
  }

  return {
    async plan(request: ActionPlanRequest, actor: string): Promise<ActionPlan> {
      const plugin = pluginFor(request.action);
      const draft = await plugin.plan(request.params as never, deps);
      const plan = planFromDraft(request, draft, now(), deps.settings().emergency.planTtl);
      options.log().savePlan(plan, actor);
      options.audit({
        at: plan.createdAt,
        actor,
        action: 'action.plan',
        target: `${plan.action} plan ${plan.id}`,
        outcome: 'planned',
        details: { planId: plan.id, items: plan.items.length, predictedBytes: plan.predictedBytes, itemIds: plan.items.map((i) => i.id), refusals: plan.refusals },
      });
      return plan;
    },

    execute(request: ExecuteRequest, actor: string) {
      const plan = options.log().plan(request.planId);
      if (!plan) throw new NotFoundError(`No emergency plan ${request.planId} in this data dir: make one with opsbar emergency disk|gpu|rollback --plan.`);
      // A run a dead process left behind reads `unknown` before this one is checked against it.
      recover();
      return start(plan, request, actor);
    },

    cancel(planId: string): boolean {
      const run = active.get(planId);
      if (run) {
        run.cancelled = true;
        return true;
      }
      recoverQuietly();
      // Running in another process on this host (the CLI, `serve`): it polls the flag between items.
      return options.log().requestCancel(planId);
    },

    get(planId: string) {
      recoverQuietly();
      const record = options.log().record(planId);
      if (!record) throw new NotFoundError(`No emergency plan ${planId} in this data dir (opsbar emergency list shows the recent ones).`);
      return record;
    },

    recent(limit: number) {
      recoverQuietly();
      return options.log().recent(limit);
    },

    recover,

    diskUsage: () => readDiskUsage(deps),

    async stop(): Promise<void> {
      if (active.size === 0) return;
      const runs = [...active.values()];
      for (const run of runs) run.controller.abort(new Error('Opsbar is stopping'));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
      await Promise.race([Promise.allSettled(runs.map((r) => r.done)), late]);
      clearTimeout(timer);
    },
  };
}

/** The stored plan: the plugin's draft with an id, times, the predicted total and the hash of what is shown. */
function planFromDraft(request: ActionPlanRequest, draft: PlanDraft, createdAt: number, ttlMs: number): ActionPlan {
  const seen = new Set<string>();
  for (const item of draft.items) {
    if (seen.has(item.id)) throw new Error(`the ${request.action} action listed item ${item.id} twice: its plan cannot be confirmed item by item`);
    seen.add(item.id);
  }
  const parts = { action: request.action, params: request.params as Record<string, unknown>, title: draft.title, items: draft.items, kept: draft.kept, refusals: draft.refusals };
  const predictedBytes = draft.items.reduce((sum, item) => sum + (item.selected && item.bytes ? item.bytes : 0), 0);
  return { id: newPlanId(), hash: planHash(parts), ...parts, createdAt, expiresAt: createdAt + ttlMs, predictedBytes, notes: draft.notes };
}
