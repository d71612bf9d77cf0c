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

/** A Docker call given up because its caller stopped (the collector is shutting down). */
export class DockerCallAbortedError extends Error {
  constructor(readonly what: string) {
    super(`Docker call abandoned: Opsbar is stopping (${what})`);
    this.name = 'DockerCallAbortedError';
  }
}

/**
 * Runs one Docker call with a deadline: on expiry the request is aborted (so no socket is
 * left open) and the promise rejects with DockerTimeoutError. A hung daemon must not hang Opsbar.
 * `stopSignal` (optional) ends it sooner: aborting it aborts the request and rejects at once.
 */
export function callWithDeadline<T>(
  clock: Clock,
  timeoutMs: number,
  what: string,
  call: (signal: AbortSignal) => Promise<T>,
  stopSignal?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void, abortRequest: boolean) => {
      if (settled) return;
      settled = true;
      timer.cancel();
      stopSignal?.removeEventListener('abort', onStop);
      if (abortRequest) controller.abort();
      outcome();
    };
    const onStop = () => settle(() => reject(new DockerCallAbortedError(what)), true);
    const timer = clock.setTimeout(() => settle(() => reject(new DockerTimeoutError(what, timeoutMs)), true), timeoutMs);
    if (stopSignal?.aborted) return onStop();
    stopSignal?.addEventListener('abort', onStop, { once: true });
    let pending: Promise<T>;
    try {
      pending = call(controller.signal);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => settle(() => resolve(value), false),
      (error: unknown) => settle(() => reject(error), false),
    );
  });
}
