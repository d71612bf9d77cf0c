import type { Clock } from '../../../clock';
import { callWithDeadline } from '../../docker/callWithDeadline';
import type { DockerApi } from '../../docker/dockerApi';

/**
 * What the GPU list reads of `GET /containers/{id}/json`. The Docker module's
 * RawContainerDetails does not declare these fields (it reads others), so they are typed here.
 */
interface InspectNameAndLabels {
  Name?: unknown;
  Config?: { Labels?: Record<string, unknown> | null } | null;
}

export interface ContainerNames {
  /** Without the leading `/` Docker puts on it (untrusted text). */
  name: string;
  stack: string | null;
  service: string | null;
}

export interface ContainerLookup {
  /** Name and compose labels of a container id; null when Docker is absent, does not know it, or did not answer. */
  lookup(id: string): Promise<ContainerNames | null>;
}

export interface ContainerLookupOptions {
  /** Deadline of one inspect. Default 2 s. */
  timeoutMs?: number;
  /** How long an answer is kept. Default 3 min (a container's name and labels rarely change). */
  ttlMs?: number;
  /** How long "unknown" is kept. Default 15 s: a container that just started is asked again soon. */
  negativeTtlMs?: number;
}

const label = (labels: Record<string, unknown> | null | undefined, key: string): string | null => {
  const value = labels?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
};

export function namesFromInspect(details: InspectNameAndLabels): ContainerNames | null {
  if (typeof details.Name !== 'string' || details.Name === '') return null;
  const labels = details.Config?.Labels ?? null;
  return {
    name: details.Name.replace(/^\//, ''),
    stack: label(labels, 'com.docker.compose.project'),
    service: label(labels, 'com.docker.compose.service'),
  };
}

/**
 * Container names for GPU processes, through the Docker engine the Docker module uses (or
 * none: `getDockerApi` returns null while Docker is off). Cached per id; one inspect in flight
 * per id, each with a deadline, so a hung engine delays the GPU list by at most that.
 */
export function createContainerLookup(getDockerApi: () => DockerApi | null, clock: Clock, options: ContainerLookupOptions = {}): ContainerLookup {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const ttlMs = options.ttlMs ?? 3 * 60_000;
  const negativeTtlMs = options.negativeTtlMs ?? 15_000;
  const cache = new Map<string, { value: ContainerNames | null; until: number }>();
  const inFlight = new Map<string, Promise<ContainerNames | null>>();

  const ask = async (api: DockerApi, id: string): Promise<ContainerNames | null> => {
    let value: ContainerNames | null;
    try {
      const details = (await callWithDeadline(clock, timeoutMs, 'inspect a GPU process container', (signal) => api.inspectContainer(id, signal))) as InspectNameAndLabels;
      value = details && typeof details === 'object' ? namesFromInspect(details) : null;
    } catch {
      value = null;
    }
    const now = clock.now();
    for (const [key, entry] of cache) if (entry.until <= now) cache.delete(key);
    cache.set(id, { value, until: now + (value ? ttlMs : negativeTtlMs) });
    return value;
  };

  return {
    async lookup(id) {
      const hit = cache.get(id);
      if (hit && hit.until > clock.now()) return hit.value;
      const api = getDockerApi();
      if (!api) return null;
      let pending = inFlight.get(id);
      if (!pending) {
        pending = ask(api, id).finally(() => inFlight.delete(id));
        inFlight.set(id, pending);
      }
      return pending;
    },
  };
}
