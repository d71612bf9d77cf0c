/**
 * The container action on the real (shared) Docker engine, through the real action framework:
 * a store file in a fresh data dir (plans, audit), the Docker provider for DOCKER_HOST or the
 * default socket, the system clock (health waits are real) and a short health timeout.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ActionDeps, AnyActionPlugin } from '../../../../electron/core/actions/actionPlugin';
import type { ActionSystem } from '../../../../electron/core/actions/actionSystem';
import { createContainerAction } from '../../../../electron/core/actions/container/containerAction';
import { createActionSystem } from '../../../../electron/core/actions/createActionSystem';
import { createDockerAdmin } from '../../../../electron/core/actions/docker/dockerAdmin';
import { systemClock } from '../../../../electron/core/clock';
import { silentLogger } from '../../../../electron/core/logger';
import { createDockerClientProvider } from '../../../../electron/core/monitors/docker/dockerClientProvider';
import { OpsbarStore } from '../../../../electron/core/store/opsbarStore';
import type { ContainerActionParams } from '../../../../shared/api/contract/actions';
import { defaultSettings, type Settings } from '../../../../shared/config/settingsSchema';
import type { ActionOutcome, ActionPlan } from '../../../../shared/types/actions';
import { tempDir } from '../../../support/tempDir';

export interface ContainerHarness {
  settings: Settings;
  deps: ActionDeps;
  system: ActionSystem;
  plan(params: ContainerActionParams): Promise<ActionPlan>;
  /** Executes the plan (every selected item) and resolves with the finished outcome. */
  execute(plan: ActionPlan): Promise<ActionOutcome>;
  auditRows(): { action: string; outcome: string; target: string; details: Record<string, unknown> }[];
  close(): Promise<void>;
}

const unused = (what: string) => () => {
  throw new Error(`the container action does not use ${what}`);
};

export function containerHarness(options: { healthTimeoutMs?: number; dockerEnabled?: boolean } = {}): ContainerHarness {
  const dataDir = tempDir('opsbar-container-');
  const dbFile = join(dataDir, 'opsbar.db');
  const { store } = OpsbarStore.open(dbFile);
  const settings = defaultSettings();
  settings.emergency.rollback.healthTimeout = options.healthTimeoutMs ?? 30_000;
  if (options.dockerEnabled === false) settings.docker.enabled = false;
  const provider = createDockerClientProvider({ settings: () => settings, env: process.env, homedir: '/nonexistent-home' });
  const deps = {
    clock: systemClock,
    log: silentLogger,
    settings: () => settings,
    dataDir,
    docker: provider,
    dockerAdmin: createDockerAdmin(provider),
    commands: { run: unused('commands') },
    status: unused('status'),
    collect: unused('collect'),
    store: () => store,
    snapshots: {},
    ownPids: () => [process.pid],
    fetch: unused('fetch'),
  } as unknown as ActionDeps;
  const system = createActionSystem({
    plugins: [createContainerAction() as AnyActionPlugin],
    deps,
    log: () => store.actions,
    audit: (entry) => store.addAudit(entry),
    publish: () => {},
    lockPath: join(dataDir, 'action.lock'),
    role: 'cli',
  });
  const reader = new Database(dbFile, { readonly: true });
  return {
    settings,
    deps,
    system,
    plan: (params) => system.plan({ action: 'container', params }, 'cli'),
    execute: (plan) => system.execute({ planId: plan.id, hash: plan.hash }, 'cli').done,
    auditRows: () =>
      (reader.prepare('SELECT action, outcome, target, details FROM audit ORDER BY id').all() as { action: string; outcome: string; target: string; details: string }[]).map((r) => ({
        ...r,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
    async close() {
      await system.stop();
      reader.close();
      store.close();
    },
  };
}
