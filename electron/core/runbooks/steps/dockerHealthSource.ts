import type { Clock } from '../../clock';
import { forEachBounded } from '../../monitors/docker/boundedConcurrency';
import { callWithDeadline } from '../../monitors/docker/callWithDeadline';
import { factsFromInspect, factsFromSummary, containerState } from '../../monitors/docker/containerInspector';
import type { DockerApi, RawContainerSummary } from '../../monitors/docker/dockerApi';
import type { DockerClientProvider } from '../../monitors/docker/dockerClientProvider';
import type { DockerEndpointResolution } from '../../monitors/docker/dockerEndpoint';
import { describeDockerFailure, describeNoEndpoint } from '../../monitors/docker/dockerErrors';
import type { ContainerHealthSource } from './stepKind';

type Observation = { name: string; state: string; health: string | null };

export interface DockerHealthSourceOptions {
  api: DockerApi;
  /** Where the api points: used to word failures ("Docker is not running: no socket answered at …"). */
  resolution: DockerEndpointResolution;
  clock: Clock;
  /** Deadline of each Engine API call (default 5 s). */
  callTimeoutMs?: number;
}

const COMPOSE_PROJECT = 'com.docker.compose.project';

/**
 * Container state and health for `container-health` steps, on the Engine API the collector
 * uses: one list call, then an inspect per matching container (health is authoritative there;
 * the list's Status text is the fallback). Failures throw an Error whose message is a sentence.
 */
export function createDockerHealthSource(options: DockerHealthSourceOptions): ContainerHealthSource {
  const timeoutMs = options.callTimeoutMs ?? 5_000;
  const call = async <T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    try {
      return await callWithDeadline(options.clock, timeoutMs, what, fn);
    } catch (error) {
      throw new Error(describeDockerFailure(error, options.resolution, what), { cause: error });
    }
  };

  const observe = async (summaries: RawContainerSummary[]): Promise<Observation[]> => {
    const observed: Observation[] = [];
    await forEachBounded(summaries, 4, async (summary) => {
      let facts = factsFromSummary(summary);
      try {
        facts = factsFromInspect(await callWithDeadline(options.clock, timeoutMs, 'inspecting a container', (s) => options.api.inspectContainer(summary.Id, s)));
      } catch {
        // Removed between list and inspect, or slow: the list's Status text will do.
      }
      observed.push({ name: containerName(summary), state: containerState(summary), health: facts.health === 'none' ? null : facts.health });
    });
    return observed.sort((a, b) => a.name.localeCompare(b.name));
  };

  return {
    async container(name) {
      const list = await call('listing containers', (signal) => options.api.listContainers(signal));
      const found = list.find((c) => (c.Names ?? []).some((n) => n.replace(/^\//, '') === name));
      return found ? (await observe([found]))[0] : null;
    },
    async stack(project) {
      const list = await call('listing containers', (signal) => options.api.listContainers(signal));
      return observe(list.filter((c) => c.Labels?.[COMPOSE_PROJECT] === project));
    },
  };
}

function containerName(summary: RawContainerSummary): string {
  return (summary.Names?.[0] ?? summary.Id.slice(0, 12)).replace(/^\//, '');
}

/**
 * The composition root's source: it follows the settings (a changed `docker.endpoint` reaches
 * steps at once). When no socket is found every call says so, so a step explains "Docker is not
 * running: no socket found at …" instead of a bare "not configured".
 */
export function dockerHealthSourceFrom(provider: DockerClientProvider, clock: Clock, callTimeoutMs?: number): ContainerHealthSource {
  const source = (): ContainerHealthSource => {
    const { api, resolution, enabled } = provider.current();
    if (!enabled) throw new Error('Docker monitoring is turned off in the config (docker.enabled: false).');
    if (!api || !resolution) throw new Error(describeNoEndpoint(resolution as DockerEndpointResolution));
    return createDockerHealthSource({ api, resolution, clock, callTimeoutMs });
  };
  return {
    container: async (name) => source().container(name),
    stack: async (project) => source().stack(project),
  };
}
