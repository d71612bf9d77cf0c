/**
 * The container action on the real (shared) Docker engine, through the real action framework
 * (test/support/actionHarness.ts): a store file in a fresh data dir (plans, audit), the Docker
 * provider for DOCKER_HOST or the default socket, the system clock (health waits are real) and
 * a short health timeout.
 */
import type { ActionDeps, AnyActionPlugin } from '../../../../electron/core/actions/actionPlugin';
import type { ActionSystem } from '../../../../electron/core/actions/actionSystem';
import { createContainerAction } from '../../../../electron/core/actions/container/containerAction';
import { createDockerAdmin } from '../../../../electron/core/actions/docker/dockerAdmin';
import { systemClock } from '../../../../electron/core/clock';
import { createDockerClientProvider } from '../../../../electron/core/monitors/docker/dockerClientProvider';
import type { ContainerActionParams } from '../../../../shared/api/contract/actions';
import { defaultSettings, type Settings } from '../../../../shared/config/settingsSchema';
import type { ActionOutcome, ActionPlan } from '../../../../shared/types/actions';
import { actionHarness, type ActionHarness } from '../../../support/actionHarness';

export interface ContainerHarness {
  settings: Settings;
  system: ActionSystem;
  plan(params: ContainerActionParams): Promise<ActionPlan>;
  /** Executes the plan (every selected item) and resolves with the finished outcome. */
  execute(plan: ActionPlan): Promise<ActionOutcome>;
  auditRows: ActionHarness['auditRows'];
  close(): Promise<void>;
}

export function containerHarness(options: { healthTimeoutMs?: number; dockerEnabled?: boolean } = {}): ContainerHarness {
  const settings = defaultSettings();
  settings.emergency.rollback.healthTimeout = options.healthTimeoutMs ?? 30_000;
  if (options.dockerEnabled === false) settings.docker.enabled = false;
  const provider = createDockerClientProvider({ settings: () => settings, env: process.env, homedir: '/nonexistent-home' });
  const deps: Partial<ActionDeps> = { docker: provider, dockerAdmin: createDockerAdmin(provider) };
  const h = actionHarness([createContainerAction() as AnyActionPlugin], { settings, clock: systemClock, deps });
  return {
    settings,
    system: h.system,
    plan: (params) => h.system.plan({ action: 'container', params }, 'cli'),
    execute: (plan) => h.system.execute({ planId: plan.id, hash: plan.hash }, 'cli').done,
    auditRows: () => h.auditRows(),
    async close() {
      await h.system.stop();
      h.close();
    },
  };
}
