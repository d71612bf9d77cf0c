import type Dockerode from 'dockerode';
import type { Clock } from '../../clock';
import { isNotFound, type DockerCall } from './dockerCalls';

export interface ContainerHealthReading {
  name: string;
  present: boolean;
  state: string;
  /** `healthy`, `unhealthy`, `starting`, or `none` without a healthcheck. */
  health: string;
  exitCode: number | null;
  /** Exited (or dead) and Docker will not restart it: waiting longer will not help. */
  settled: boolean;
}

/** Running, and healthy when it has a healthcheck. */
export function isUp(reading: ContainerHealthReading): boolean {
  return reading.present && reading.state === 'running' && (reading.health === 'healthy' || reading.health === 'none');
}

/** "running, healthy", "running, unhealthy", "exited (code 1)", "not present". */
export function describeReading(reading: ContainerHealthReading): string {
  if (!reading.present) return 'not present';
  if (reading.state === 'running') return reading.health === 'none' ? 'running (no healthcheck)' : `running, ${reading.health}`;
  return reading.exitCode !== null && reading.state === 'exited' ? `exited (code ${reading.exitCode})` : reading.state;
}

export async function readHealth(names: readonly string[], docker: Dockerode, call: DockerCall): Promise<ContainerHealthReading[]> {
  const readings: ContainerHealthReading[] = [];
  for (const name of names) {
    try {
      const info = (await call(`inspecting container ${name}`, (abortSignal) => docker.getContainer(name).inspect({ abortSignal } as object))) as unknown as {
        State?: { Status?: string; ExitCode?: number; Health?: { Status?: string } | null };
        HostConfig?: { RestartPolicy?: { Name?: string } };
      };
      const state = info.State?.Status ?? 'unknown';
      const restart = info.HostConfig?.RestartPolicy?.Name ?? 'no';
      readings.push({
        name,
        present: true,
        state,
        health: info.State?.Health?.Status ?? 'none',
        exitCode: info.State?.ExitCode ?? null,
        settled: state === 'dead' || (state === 'exited' && (restart === 'no' || restart === '')),
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      readings.push({ name, present: false, state: 'absent', health: 'none', exitCode: null, settled: true });
    }
  }
  return readings;
}

/**
 * Waits (reading every `everyMs` on the injected clock) until every container is up, one has
 * settled down (exited without a restart policy), the timeout passes, or the signal aborts.
 */
export async function waitForHealth(
  names: readonly string[],
  options: { timeoutMs: number; everyMs?: number; clock: Clock; signal: AbortSignal; docker: Dockerode; call: DockerCall },
): Promise<{ passed: boolean; readings: ContainerHealthReading[]; timedOut: boolean }> {
  const deadline = options.clock.now() + options.timeoutMs;
  // The clock's timers do not hold the process open (systemClock unrefs them); a CLI run waiting
  // here has nothing else pending, so this wait holds it open itself.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    return await poll(names, options, deadline);
  } finally {
    clearInterval(keepAlive);
  }
}

async function poll(
  names: readonly string[],
  options: { everyMs?: number; clock: Clock; signal: AbortSignal; docker: Dockerode; call: DockerCall },
  deadline: number,
): Promise<{ passed: boolean; readings: ContainerHealthReading[]; timedOut: boolean }> {
  for (;;) {
    const readings = await readHealth(names, options.docker, options.call);
    if (readings.every(isUp)) return { passed: true, readings, timedOut: false };
    if (readings.some((r) => r.settled)) return { passed: false, readings, timedOut: false };
    if (options.clock.now() >= deadline) return { passed: false, readings, timedOut: true };
    options.signal.throwIfAborted();
    await new Promise<void>((resolve) => {
      const timer = options.clock.setTimeout(resolve, options.everyMs ?? 500);
      options.signal.addEventListener('abort', () => (timer.cancel(), resolve()), { once: true });
    });
  }
}
