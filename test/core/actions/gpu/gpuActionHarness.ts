// The GPU action against real processes and the stand-in nvidia-smi: ActionDeps whose `status`
// and `collect` read a fresh GPU reading through the real NVIDIA source and process enricher.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { TestContext } from 'node:test';
import type { ActionDeps, ExecutionContext } from '../../../../electron/core/actions/actionPlugin';
import type { DockerApi } from '../../../../electron/core/monitors/docker/dockerApi';
import { silentLogger } from '../../../../electron/core/logger';
import { GpuCollector } from '../../../../electron/core/monitors/gpu/gpuCollector';
import { createNvidiaGpuSource } from '../../../../electron/core/monitors/gpu/nvidia/nvidiaGpuSource';
import { createGpuProcessEnricher } from '../../../../electron/core/monitors/gpu/processes';
import { createCommandRunner } from '../../../../electron/core/process/commandRunner';
import { defaultSettings, type Settings } from '../../../../shared/config/settingsSchema';
import type { GpuSnapshot } from '../../../../shared/types/gpu';
import type { ModelsSnapshot } from '../../../../shared/types/models';
import type { StatusSnapshot } from '../../../../shared/types/status';
import { emptyStatus, noModelsSnapshot } from '../../../support/statusFixtures';
import { H100 } from '../../monitors/gpu/nvidia/captureLines';
import { createStandIn, refClock, type StandIn } from '../../monitors/gpu/nvidia/standIn';

export const MiB = 1024 * 1024;

/** A one-shot GPU reading, as `collect(['gpu'])` takes one: start the source, read, stop. */
export async function readGpu(standIn: StandIn, dockerApi: DockerApi | null = null): Promise<GpuSnapshot> {
  const source = createNvidiaGpuSource({
    nvidiaSmiPath: standIn.path,
    intervalMs: 100,
    processIntervalMs: 60_000,
    timeoutMs: 5_000,
    runner: createCommandRunner(),
    clock: refClock,
    env: standIn.env,
  });
  const enricher = createGpuProcessEnricher({ getDockerApi: () => dockerApi, clock: refClock });
  const collector = new GpuCollector({ source, enrich: (raw) => enricher.enrich(raw), clock: refClock, intervalMs: 100 });
  collector.start();
  try {
    return (await collector.collect()).snapshot;
  } finally {
    await collector.stop();
  }
}

export interface GpuHarness {
  standIn: StandIn;
  settings: Settings;
  deps: ActionDeps;
  context: ExecutionContext;
  /** How many fresh GPU readings the action asked for. */
  collects(): number;
}

const unused = (what: string) => () => {
  throw new Error(`the GPU action test does not use ${what}`);
};

/**
 * The stand-in answers the H100 capture's `load` section (or `phase`) with one compute-apps row
 * per pid in `pids` (none in `idle` without pids), and with FAKE_NVIDIA_SMI_LIVE_PIDS a row disappears (and frees its memory) when its
 * process ends (`livePids: false`: it stays, as VRAM a driver still holds). termGrace and releaseWait are short so tests end soon; they assert no timing.
 */
export function gpuHarness(t: TestContext, pids: number[], options: { phase?: 'idle' | 'load'; livePids?: boolean; models?: () => ModelsSnapshot; termGraceMs?: number; releaseWaitMs?: number; dockerAdmin?: ActionDeps['dockerAdmin']; dockerApi?: DockerApi } = {}): GpuHarness {
  const standIn = createStandIn({ FAKE_NVIDIA_SMI_CAPTURE: H100, FAKE_NVIDIA_SMI_PHASE: options.phase ?? 'load', FAKE_NVIDIA_SMI_PIDS: pids.join(','), FAKE_NVIDIA_SMI_LIVE_PIDS: options.livePids === false ? '0' : '1' });
  t.after(() => standIn.remove());
  const settings = defaultSettings();
  settings.emergency.gpu.termGrace = options.termGraceMs ?? 5_000;
  settings.emergency.gpu.releaseWait = options.releaseWaitMs ?? 20_000;
  let collects = 0;
  const statusNow = async (): Promise<StatusSnapshot> => ({ ...emptyStatus(Date.now()), gpu: await readGpu(standIn, options.dockerApi ?? null), models: options.models?.() ?? noModelsSnapshot() });
  const deps = {
    clock: refClock,
    log: silentLogger,
    settings: () => settings,
    dataDir: standIn.dir,
    docker: { current: unused('docker') },
    dockerAdmin: options.dockerAdmin ?? unused('dockerAdmin'),
    commands: createCommandRunner(),
    status: statusNow,
    collect: async () => (collects++, statusNow()),
    store: unused('store'),
    snapshots: {},
    ownPids: () => [process.pid],
    fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
  } as unknown as ActionDeps;
  const context: ExecutionContext = { ...deps, signal: new AbortController().signal, callTimeoutMs: 10_000 };
  return { standIn, settings, deps, context, collects: () => collects };
}

/** A real child process that stays until killed (`ignoreTerm`: it survives SIGTERM). Killed when the test ends. */
export async function startHolder(t: TestContext, options: { ignoreTerm?: boolean; command?: string; args?: string[] } = {}): Promise<ChildProcess & { pid: number }> {
  const command = options.command ?? process.execPath;
  const args = options.args ?? (options.ignoreTerm
    ? ['-e', "process.on('SIGTERM', () => console.log('got SIGTERM')); console.log('ready'); setInterval(() => {}, 1 << 30)"]
    : ['-e', "console.log('ready'); setInterval(() => {}, 1 << 30)"]);
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  if (child.stdout && options.args === undefined) await once(child.stdout, 'data'); // its SIGTERM handler is in place
  else await once(child, 'spawn');
  return child as ChildProcess & { pid: number };
}

/** Resolves when the child has exited (and Node has reaped it). */
export function exited(child: ChildProcess): Promise<unknown> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit');
}
