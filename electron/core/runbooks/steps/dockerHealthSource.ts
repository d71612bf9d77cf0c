import { existsSync } from 'node:fs';
import type { Clock } from '../../clock';
import { forEachBounded } from '../../monitors/docker/boundedConcurrency';
import { callWithDeadline } from '../../monitors/docker/callWithDeadline';
import { factsFromInspect, factsFromSummary, containerState } from '../../monitors/docker/containerInspector';
import { createDockerApi, type DockerApi, type RawContainerSummary } from '../../monitors/docker/dockerApi';
import { resolveDockerEndpoint, type DockerEndpointResolution } from '../../monitors/docker/dockerEndpoint';
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

export interface DockerHealthSourceFromSettings {
  /** settings.docker.endpoint (empty: autodetect). */
  configured: string;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  clock: Clock;
  callTimeoutMs?: number;
}

/**
 * The composition root's shortcut: resolve the endpoint like the collector does and build the
 * source. When no socket is found the source still exists and every call says so, so a step
 * explains "Docker is not running: no socket found at …" instead of a bare "not configured".
 */
export function dockerHealthSourceFromSettings(input: DockerHealthSourceFromSettings): ContainerHealthSource {
  const resolution = resolveDockerEndpoint({ configured: input.configured, env: input.env, homedir: input.homedir, exists: existsSync });
  if (!resolution.chosen) {
    const sentence = describeNoEndpoint(resolution);
    const fail = () => Promise.reject(new Error(sentence));
    return { container: fail, stack: fail };
  }
  return createDockerHealthSource({ api: createDockerApi(resolution.chosen), resolution, clock: input.clock, callTimeoutMs: input.callTimeoutMs });
}
