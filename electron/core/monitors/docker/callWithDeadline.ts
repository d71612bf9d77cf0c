import type { Clock } from '../../clock';

/** A Docker call that did not answer in time (the engine is hung or overloaded). */
export class DockerTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`Docker did not answer within ${timeoutMs} ms (${what})`);
    this.name = 'DockerTimeoutError';
  }
}

/**
 * Runs one Docker call with a deadline: on expiry the request is aborted (so no socket is
 * left open) and the promise rejects with DockerTimeoutError. A hung daemon must not hang Opsbar.
 */
export function callWithDeadline<T>(
  clock: Clock,
  timeoutMs: number,
  what: string,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = clock.setTimeout(() => {
      if (settled) return;
      settled = true;
      controller.abort();
      reject(new DockerTimeoutError(what, timeoutMs));
    }, timeoutMs);
    let pending: Promise<T>;
    try {
      pending = call(controller.signal);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        if (settled) return;
        settled = true;
        timer.cancel();
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        timer.cancel();
        reject(error);
      },
    );
  });
}
