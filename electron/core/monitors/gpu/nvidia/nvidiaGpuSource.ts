import type { Clock } from '../../../clock';
import type { CommandRunner } from '../../../process/commandRunner';
import type { GpuReading, GpuSource } from '../gpuSource';
import { createComputeAppsPoller, type ComputeAppsPoller } from './computeAppsPoller';
import { createNvidiaLoop, type NvidiaLoop, type NvidiaLoopOptions } from './nvidiaLoop';

/** The loop's options (path, `-lms`, deadline, spawn, PATH, environment, backoff) plus the per-process query's. */
export interface NvidiaGpuSourceOptions extends NvidiaLoopOptions {
  /** gpu.processIntervalMs: how often the per-process query runs. */
  processIntervalMs: number;
  /** gpu.processQuietMs: while no GPU's memory moved, skip rounds for up to this long (unset: never skip). */
  processQuietMs?: number;
  runner: CommandRunner;
}

/** Resolves when `promise` does or after `ms`, whichever is first; never rejects. */
function within(clock: Clock, ms: number, promise: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(resolve, ms);
    promise.then(
      () => (timer.cancel(), resolve()),
      () => (timer.cancel(), resolve()),
    );
  });
}

/**
 * The NVIDIA GPU source: the nvidia-smi loop for devices, the one-shot compute-apps query for
 * processes (run only while the loop has figures, first as soon as it has them). `read()`
 * never throws; the first call waits, bounded, for the first figures.
 */
export function createNvidiaGpuSource(options: NvidiaGpuSourceOptions): GpuSource & { readonly loopPid: number | undefined } {
  const { clock, timeoutMs } = options;
  let started = false;
  let stopped = false;
  let onReading: () => void = () => {};
  const fire = () => {
    if (stopped) return;
    try {
      onReading();
    } catch {
      // the collector's failure is not the source's
    }
  };

  const loop: NvidiaLoop = createNvidiaLoop({
    nvidiaSmiPath: options.nvidiaSmiPath,
    intervalMs: options.intervalMs,
    timeoutMs,
    clock,
    spawn: options.spawn,
    exists: options.exists,
    envPath: options.envPath,
    env: options.env,
    backoff: options.backoff,
    killGraceMs: options.killGraceMs,
  });
  // What the GPUs' memory was when the process list was last asked for: a process that starts,
  // grows or ends moves it, so an unchanged figure means the list would read the same.
  const memoryNow = () => loop.status().devices.map((d) => `${d.index}:${d.memoryUsedBytes}`).join(',');
  let memoryAtQuery: string | null = null;
  const poller: ComputeAppsPoller = createComputeAppsPoller({
    runner: options.runner,
    clock,
    intervalMs: options.processIntervalMs,
    timeoutMs,
    env: options.env,
    target: () => {
      const status = loop.status();
      if (status.state !== 'ok') return null;
      memoryAtQuery = memoryNow();
      return status.path;
    },
    unchanged: () => memoryAtQuery !== null && memoryNow() === memoryAtQuery,
    maxQuietMs: options.processQuietMs,
    onUpdate: fire,
  });

  const onLoopChange = () => {
    // The first processes come with the first figures, not a whole processIntervalMs later.
    if (loop.status().state === 'ok' && !poller.latest().polled) void poller.pollNow();
    fire();
  };

  const start = (hooks: { onReading(): void }) => {
    if (stopped) return;
    // A read() before start() started the readers already: only the hook is new then.
    onReading = () => hooks.onReading();
    if (started) return;
    started = true;
    loop.start(onLoopChange);
    poller.start();
  };

  const compose = (): GpuReading => {
    const status = loop.status();
    const base = { source: 'nvidia-smi' as const, memoryPressure: null, driverVersion: status.driverVersion };
    if (status.state !== 'ok') {
      const state = status.state === 'starting' ? 'unknown' : status.state;
      return { ...base, state, error: status.error ?? 'nvidia-smi has not answered yet', devices: [], processes: [], processesNote: null };
    }
    const indexByUuid = new Map(status.devices.filter((d) => d.uuid !== null).map((d) => [d.uuid as string, d.index]));
    const apps = poller.latest();
    return {
      ...base,
      state: 'ok',
      error: null,
      devices: status.devices,
      processes: apps.processes.map((p) => ({ ...p, gpuIndex: p.gpuUuid === null ? p.gpuIndex : (indexByUuid.get(p.gpuUuid) ?? null) })),
      processesNote: apps.polled ? apps.note : 'Per-process figures are not read yet',
    };
  };

  return {
    kind: 'nvidia',
    start,
    async read() {
      try {
        if (!started && !stopped) start({ onReading() {} });
        if (!stopped) {
          await within(clock, timeoutMs + 1_000, loop.settled());
          if (loop.status().state === 'ok' && !poller.latest().polled) await within(clock, timeoutMs + 1_000, poller.pollNow());
        }
        return compose();
      } catch (error) {
        return { state: 'unknown', error: `Opsbar could not read the NVIDIA figures: ${String(error)}`, source: 'nvidia-smi', driverVersion: null, devices: [], processes: [], processesNote: null, memoryPressure: null };
      }
    },
    async stop() {
      stopped = true;
      await Promise.all([loop.stop(), poller.stop()]);
    },
    get loopPid() {
      return loop.pid;
    },
  };
}
