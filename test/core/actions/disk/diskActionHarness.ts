import { join } from 'node:path';
import { defaultSettings, type Settings } from '../../../../shared/config/settingsSchema';
import type { ActionPlan, ActionVerification, ItemOutcome, PlanItem } from '../../../../shared/types/actions';
import type { ActionDeps, ActionPlugin, ExecutionContext, PlanDraft } from '../../../../electron/core/actions/actionPlugin';
import { createDockerAdmin } from '../../../../electron/core/actions/docker/dockerAdmin';
import type { SnapshotService } from '../../../../electron/core/actions/rollback/snapshotService';
import { type Clock, systemClock } from '../../../../electron/core/clock';
import { silentLogger } from '../../../../electron/core/logger';
import { createDockerClientProvider } from '../../../../electron/core/monitors/docker/dockerClientProvider';
import type { CommandRunner } from '../../../../electron/core/process/commandRunner';
import { OpsbarStore } from '../../../../electron/core/store/opsbarStore';
import type { DiskActionParams } from '../../../../shared/api/contract/actions';
import { tempDir } from '../../../support/tempDir';

/** The disk plugin's deps as createCore builds them: the real engine (DOCKER_HOST or the socket), a real store file, a snapshot stub. */
export interface DiskDeps extends ActionDeps {
  settingsValue: Settings;
  realStore: OpsbarStore;
  protectedIds: Set<string>;
  close(): void;
}

export function diskDeps(options: { docker?: boolean; clock?: Clock; dataDir?: string } = {}): DiskDeps {
  const settingsValue = defaultSettings();
  if (options.docker === false) settingsValue.docker.enabled = false;
  const dataDir = options.dataDir ?? tempDir('opsbar-disk-');
  // Real time by default: the engine stamps what the tests create with it.
  const clock = options.clock ?? systemClock;
  const { store } = OpsbarStore.open(join(dataDir, 'opsbar.db'), { now: () => clock.now() });
  const provider = createDockerClientProvider({ settings: () => settingsValue });
  const protectedIds = new Set<string>();
  const snapshots: SnapshotService = {
    list: async () => [],
    take: async () => {
      throw new Error('not in this test');
    },
    get: () => null,
    protectedImageIds: () => protectedIds,
    onStatus: () => {},
    stop: async () => {},
  };
  const unused = () => {
    throw new Error('the disk action does not use this');
  };
  return {
    settingsValue,
    realStore: store,
    protectedIds,
    clock,
    log: silentLogger,
    settings: () => settingsValue,
    dataDir,
    docker: provider,
    dockerAdmin: createDockerAdmin(provider),
    commands: { run: unused } as unknown as CommandRunner,
    status: unused,
    collect: unused,
    store: () => store,
    snapshots,
    ownPids: () => [process.pid],
    fetch: unused as unknown as typeof fetch,
    close: () => store.close(),
  };
}

/** The plan as the framework stores it (id, hash, times and the predicted total added to the draft). */
export function toPlan(draft: PlanDraft, params: DiskActionParams, now: number): ActionPlan {
  return {
    id: `plan-${now}`,
    hash: '0'.repeat(64),
    action: 'disk',
    params: params as Record<string, unknown>,
    createdAt: now,
    expiresAt: now + 900_000,
    predictedBytes: draft.items.filter((i) => i.selected).reduce((s, i) => s + (i.bytes ?? 0), 0),
    ...draft,
  };
}

export interface RunResult {
  outcomes: ItemOutcome[];
  before: Record<string, number | null>;
  verified: ActionVerification;
}

/** Runs exactly these items of the plan, in plan order, as the framework does: prepare, each item (a throw is failed), verify. */
export async function runItems(plugin: ActionPlugin<DiskActionParams>, plan: ActionPlan, itemIds: readonly string[], deps: ActionDeps): Promise<RunResult> {
  const context: ExecutionContext = { ...deps, signal: new AbortController().signal, callTimeoutMs: 30_000 };
  const items: PlanItem[] = plan.items.filter((i) => itemIds.includes(i.id));
  const { before } = await plugin.prepare(plan, items, context);
  const outcomes: ItemOutcome[] = [];
  for (const item of items) {
    try {
      const result = await plugin.executeItem(item, plan, context);
      outcomes.push({ id: item.id, outcome: result.outcome, detail: result.detail, bytes: result.bytes ?? null, at: Date.now() });
    } catch (error) {
      outcomes.push({ id: item.id, outcome: 'failed', detail: (error as Error).message, bytes: null, at: Date.now() });
    }
  }
  const verified = await plugin.verify(plan, outcomes, before, context);
  return { outcomes, before, verified };
}
