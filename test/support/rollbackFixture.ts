/**
 * Rollback tests against the real (shared) Docker engine: a two-service compose-labelled stack
 * named with this process's pid, images committed from TEST_IMAGE (never TEST_IMAGE itself),
 * a named volume, the snapshot service and the rollback plugin's deps on a real store file.
 * `cleanup()` removes exactly what the fixture made: containers, images (with their
 * `opsbar-snapshot/<stack>` tags) and volumes.
 */
import Dockerode from 'dockerode';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionDeps, ActionPlugin, AnyActionPlugin, ExecutionContext, ItemResult, PlanDraft } from '../../electron/core/actions/actionPlugin';
import { createDockerAdmin } from '../../electron/core/actions/docker/dockerAdmin';
import { createSnapshotService } from '../../electron/core/actions/rollback/createSnapshotService';
import { systemClock, type Clock } from '../../electron/core/clock';
import { silentLogger } from '../../electron/core/logger';
import { createDockerClientProvider } from '../../electron/core/monitors/docker/dockerClientProvider';
import { OpsbarStore } from '../../electron/core/store/opsbarStore';
import { defaultSettings, type Settings } from '../../shared/config/settingsSchema';
import type { ActionPlan, ItemOutcome } from '../../shared/types/actions';
import { TEST_IMAGE, TEST_LABEL, testDocker } from './dockerEngine';
import { tempDir } from './tempDir';

const NS = 1_000_000;
let counter = 0;

export interface AppVersion {
  /** The tag the "release" has: `opsbar-t<pid>-app:<stack>-v1`. */
  ref: string;
  id: string;
}

export interface RollbackFixture {
  stack: string;
  volume: string;
  dir: string;
  store: OpsbarStore;
  settings: Settings;
  snapshots: ReturnType<typeof createSnapshotService>;
  deps: ActionDeps;
  context(): ExecutionContext;
  /** A new image (its own id) tagged `ref`, committed from TEST_IMAGE. */
  release(version: string): Promise<AppVersion>;
  /** Creates and starts service `service` as `docker compose up` would (compose labels, same name). */
  up(service: 'app' | 'db', image: AppVersion, options?: { healthy?: boolean }): Promise<Dockerode.Container>;
  /** Stops and removes a service's container (what compose does before recreating it). */
  down(service: 'app' | 'db'): Promise<void>;
  containerName(service: string): string;
  inspect(service: string): Promise<Dockerode.ContainerInspectInfo>;
  /** The file in the volume the v1 app writes once. */
  readVolume(): Promise<string>;
  toPlan(draft: PlanDraft, params: Record<string, unknown>): ActionPlan;
  cleanup(): Promise<void>;
}

export function rollbackFixture(name: string, options: { clock?: Clock; role?: 'app' | 'cli'; settings?: (s: Settings) => void } = {}): RollbackFixture {
  const docker = testDocker();
  const stack = `opsbar-t${process.pid}-${name}`;
  const volume = `${stack}_data`;
  const dir = tempDir('opsbar-rollback-');
  const settings = defaultSettings();
  settings.emergency.rollback.healthTimeout = 60_000;
  options.settings?.(settings);
  const { store } = OpsbarStore.open(join(dir, 'opsbar.db'));
  const provider = createDockerClientProvider({ settings: () => settings, env: process.env, homedir: '/nonexistent-home' });
  const dockerAdmin = createDockerAdmin(provider);
  const clock = options.clock ?? systemClock;
  const snapshots = createSnapshotService({ clock, log: silentLogger, settings: () => settings, docker: provider, dockerAdmin, store: () => store.snapshots, audit: (e) => void store.addAudit(e), role: options.role ?? 'cli' });
  const composeFile = join(dir, 'compose.yaml');
  writeFileSync(composeFile, `services:\n  app:\n    image: app\n  db:\n    image: db\n`);
  writeFileSync(join(dir, '.env'), 'APP_TAG=v1\n');
  const images: string[] = [];
  const unused = (what: string) => () => {
    throw new Error(`the rollback does not use ${what}`);
  };
  const deps = {
    clock,
    log: silentLogger,
    settings: () => settings,
    dataDir: dir,
    docker: provider,
    dockerAdmin,
    commands: { run: unused('commands') },
    status: unused('status'),
    collect: unused('collect'),
    store: () => store,
    snapshots,
    ownPids: () => [process.pid],
    fetch: unused('fetch'),
  } as unknown as ActionDeps;
  const containerName = (service: string) => `${stack}-${service}-1`;

  return {
    stack,
    volume,
    dir,
    store,
    settings,
    snapshots,
    deps,
    containerName,
    context: () => ({ ...deps, signal: new AbortController().signal, callTimeoutMs: 30_000 }),
    async release(version) {
      const base = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['true'], Labels: { [TEST_LABEL]: '1', 'opsbar.test.pid': String(process.pid) } });
      try {
        const repo = `opsbar-t${process.pid}-app`;
        const tag = `${name}-${version}-${++counter}`;
        const made = (await base.commit({ repo, tag, comment: `${name} ${version}` })) as { Id: string };
        images.push(made.Id);
        return { ref: `${repo}:${tag}`, id: made.Id };
      } finally {
        await base.remove({ force: true });
      }
    },
    async up(service, image, upOptions = {}) {
      const healthy = upOptions.healthy ?? true;
      const app = service === 'app';
      const container = await docker.createContainer({
        name: containerName(service),
        Image: image.ref,
        // The v1 app writes the seed once; every version keeps running.
        Cmd: app ? ['sh', '-c', `test -f /data/seed || echo seed-${process.pid} > /data/seed; touch /tmp/ok; exec sleep 3600`] : ['sleep', '3600'],
        Env: [`APP_IMAGE=${image.ref}`],
        Labels: {
          'com.docker.compose.project': stack,
          'com.docker.compose.service': service,
          'com.docker.compose.container-number': '1',
          'com.docker.compose.oneoff': 'False',
          'com.docker.compose.project.config_files': composeFile,
          'com.docker.compose.project.working_dir': dir,
          ...(app ? { 'com.docker.compose.depends_on': 'db:service_started:false' } : {}),
          [TEST_LABEL]: '1',
          'opsbar.test.pid': String(process.pid),
        },
        Healthcheck: app ? { Test: healthy ? ['CMD', 'test', '-f', '/tmp/ok'] : ['CMD', 'false'], Interval: 1_000 * NS, Timeout: 2_000 * NS, Retries: 1, StartPeriod: 0 } : undefined,
        HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'no' }, Mounts: app ? [{ Type: 'volume', Source: volume, Target: '/data' }] : [] },
        StopTimeout: 1,
      });
      await container.start();
      return container;
    },
    async down(service) {
      await docker.getContainer(containerName(service)).remove({ force: true, v: false });
    },
    inspect: (service) => docker.getContainer(containerName(service)).inspect(),
    async readVolume() {
      const reader = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['cat', '/data/seed'], Tty: true, HostConfig: { Binds: [`${volume}:/data:ro`], NetworkMode: 'none' } });
      try {
        await reader.start();
        await reader.wait();
        return ((await reader.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer).toString('utf8').trim();
      } finally {
        await reader.remove({ force: true });
      }
    },
    toPlan(draft, params) {
      const now = Date.now();
      return { ...draft, id: `plan-${process.pid}-${++counter}`, hash: '0'.repeat(64), action: 'rollback', params, createdAt: now, expiresAt: now + 900_000, predictedBytes: 0 };
    },
    async cleanup() {
      for (const service of ['app', 'db']) await docker.getContainer(containerName(service)).remove({ force: true, v: false }).catch(() => undefined);
      // Our committed images only (never TEST_IMAGE): force removes every tag, the protected ones included.
      for (const id of images) await docker.getImage(id).remove({ force: true }).catch(() => undefined);
      await docker.getVolume(volume).remove().catch(() => undefined);
      store.close();
    },
  };
}

/** Runs a plan as the framework does: prepare, each item in order (stopping at a failure), verify. */
export async function executeRollback(plugin: AnyActionPlugin, plan: ActionPlan, context: ExecutionContext) {
  const p = plugin as unknown as ActionPlugin;
  const prepared = await p.prepare(plan, plan.items, context);
  if (prepared.refusals.length > 0) return { refusals: prepared.refusals, outcomes: [], verification: null, rollForwardSnapshotId: null };
  const outcomes: ItemOutcome[] = [];
  let rollForwardSnapshotId: string | null = null;
  for (const item of plan.items) {
    let result: ItemResult;
    try {
      result = await p.executeItem(item, plan, context);
    } catch (error) {
      result = { outcome: 'failed' as const, detail: (error as Error).message };
    }
    if (result.rollForwardSnapshotId) rollForwardSnapshotId = result.rollForwardSnapshotId;
    outcomes.push({ id: item.id, outcome: result.outcome, detail: result.detail, bytes: result.bytes ?? null, at: Date.now() });
    if (result.outcome === 'failed') break;
  }
  const verification = await p.verify(plan, outcomes, prepared.before, context);
  return { refusals: [], outcomes, verification, rollForwardSnapshotId };
}
