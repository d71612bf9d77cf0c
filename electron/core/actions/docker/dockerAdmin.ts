import type Dockerode from 'dockerode';
import { RefusedError } from '../../refusedError';
import type { DockerClientProvider } from '../../monitors/docker/dockerClientProvider';
import { describeEndpoint } from '../../monitors/docker/dockerEndpoint';

/**
 * The full Engine API (dockerode) for the endpoint the settings name now, for the calls actions
 * make (remove, tag, create, start). The polling collector keeps its bounded client; replies
 * here are small and each call gets a deadline from its caller (`withDeadline`).
 */
export function createDockerAdmin(provider: DockerClientProvider): () => Dockerode {
  let cached: { label: string; client: Dockerode } | null = null;
  return () => {
    const { resolution, enabled } = provider.current();
    if (!enabled) throw new RefusedError('Docker is switched off in the settings (docker.enabled: false).');
    const endpoint = resolution?.chosen;
    if (!endpoint) throw new RefusedError('No Docker engine was found: set docker.endpoint or DOCKER_HOST, or start Docker.');
    const label = describeEndpoint(endpoint);
    if (cached?.label !== label) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createDockerode } = require('../../monitors/docker/dockerApi') as typeof import('../../monitors/docker/dockerApi');
      cached = { label, client: createDockerode(endpoint) };
    }
    return cached.client;
  };
}

/** A call that did not answer within its deadline. */
export class ActionCallTimeoutError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`${what} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'ActionCallTimeoutError';
  }
}

/**
 * Runs one call with a hard deadline and the run's signal: dockerode takes `abortSignal` in its
 * options, so the request is aborted (no socket left open) on either.
 */
export function withDeadline<T>(what: string, timeoutMs: number, signal: AbortSignal, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new ActionCallTimeoutError(what, timeoutMs));
      reject(new ActionCallTimeoutError(what, timeoutMs));
    }, timeoutMs);
  });
  return Promise.race([call(controller.signal), deadline]).finally(() => {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  });
}
