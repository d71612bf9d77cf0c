import type Dockerode from 'dockerode';
import type { Clock } from '../../clock';
import type { DockerCall } from '../rollback/dockerCalls';
import { readContainer, type ContainerReading } from './containerReading';

export type WaitVerdict = 'reached' | 'settled' | 'gone' | 'timeout';

export interface WaitOptions {
  clock: Clock;
  signal: AbortSignal;
  docker: Dockerode;
  call: DockerCall;
  timeoutMs: number;
  /** Between readings (on the injected clock). */
  everyMs?: number;
}

/**
 * Reads one container (by id) until `reached` holds, it has settled where waiting cannot help
 * (exited without a restart policy, dead, unhealthy while waiting for healthy), it is gone, the
 * deadline passes, or the signal aborts. Bounded by the deadline; never a fixed sleep.
 */
export async function waitForContainer(
  id: string,
  reached: (r: ContainerReading) => boolean,
  settled: (r: ContainerReading) => boolean,
  options: WaitOptions,
): Promise<{ verdict: WaitVerdict; reading: ContainerReading | null }> {
  const deadline = options.clock.now() + options.timeoutMs;
  // The clock's timers do not hold the process open (systemClock unrefs them): a CLI run waiting here holds it itself.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    for (;;) {
      const reading = await readContainer(id, options.docker, options.call);
      if (!reading) return { verdict: 'gone', reading: null };
      if (reached(reading)) return { verdict: 'reached', reading };
      if (settled(reading)) return { verdict: 'settled', reading };
      if (options.clock.now() >= deadline) return { verdict: 'timeout', reading };
      options.signal.throwIfAborted();
      await new Promise<void>((resolve) => {
        const timer = options.clock.setTimeout(resolve, options.everyMs ?? 250);
        options.signal.addEventListener('abort', () => (timer.cancel(), resolve()), { once: true });
      });
    }
  } finally {
    clearInterval(keepAlive);
  }
}

/** Exited or dead and Docker will not bring it back, or unhealthy: waiting longer for "up" will not help. */
export function cannotComeUp(r: ContainerReading): boolean {
  if (r.state === 'dead') return true;
  if (r.state === 'exited' && r.restartPolicy === 'no') return true;
  return r.state === 'running' && r.hasHealthcheck && r.health === 'unhealthy';
}
