import Dockerode from 'dockerode';
import type { DockerEndpoint } from './dockerEndpoint';

/** The raw fields of `GET /containers/json` that Opsbar reads (all untrusted). */
export interface RawContainerSummary {
  Id: string;
  Names?: string[];
  Image?: string;
  Labels?: Record<string, string> | null;
  State?: string;
  Status?: string;
}

/** The raw fields of `GET /containers/{id}/json` that Opsbar reads. */
export interface RawContainerDetails {
  RestartCount?: number;
  State?: {
    Status?: string;
    ExitCode?: number;
    StartedAt?: string;
    Health?: { Status?: string } | null;
  };
}

/**
 * The few Engine API calls the collector makes. Every call takes an AbortSignal so the
 * caller can put a deadline on it; the production implementation wraps dockerode.
 */
export interface DockerApi {
  version(signal: AbortSignal): Promise<{ Version?: string; ApiVersion?: string }>;
  listContainers(signal: AbortSignal): Promise<RawContainerSummary[]>;
  inspectContainer(id: string, signal: AbortSignal): Promise<RawContainerDetails>;
  /** One-shot stats (`stream=false&one-shot=true`): raw JSON, parsed by containerStats. */
  containerStats(id: string, signal: AbortSignal): Promise<unknown>;
  /** `GET /events` filtered to containers; the signal closes the stream. */
  containerEvents(signal: AbortSignal): Promise<NodeJS.ReadableStream>;
}

/**
 * A dockerode instance for one endpoint. DOCKER_HOST, DOCKER_CLIENT_TIMEOUT and friends are
 * read by docker-modem itself, so every connection field is set explicitly (undefined included)
 * to keep the environment from overriding the endpoint Opsbar chose. No modem timeout: it is a
 * socket idle timeout and would cut the long-lived events stream; calls get deadlines instead.
 */
export function createDockerode(endpoint: DockerEndpoint): Dockerode {
  const common = { timeout: undefined, pathPrefix: undefined, ca: undefined, cert: undefined, key: undefined };
  if (endpoint.kind === 'unix') {
    return new Dockerode({ ...common, socketPath: endpoint.socketPath, host: undefined, port: undefined, protocol: undefined });
  }
  return new Dockerode({ ...common, socketPath: undefined, host: endpoint.host, port: endpoint.port, protocol: 'http' });
}

// dockerode forwards `abortSignal` to http.request; its typings do not declare it.
type WithSignal<T> = T & { abortSignal: AbortSignal };

export function dockerApiFrom(docker: Dockerode): DockerApi {
  return {
    // The typings omit version's options argument, which dockerode accepts.
    version: (signal) => (docker.version as unknown as (o: WithSignal<object>) => Promise<Dockerode.DockerVersion>).call(docker, { abortSignal: signal }),
    listContainers: (signal) => docker.listContainers({ all: true, abortSignal: signal } as WithSignal<{ all: boolean }>),
    inspectContainer: (id, signal) => docker.getContainer(id).inspect({ abortSignal: signal } as WithSignal<object>),
    containerStats: (id, signal) =>
      docker.getContainer(id).stats({ stream: false, 'one-shot': true, abortSignal: signal } as WithSignal<{ stream: false; 'one-shot': boolean }>),
    containerEvents: (signal) =>
      docker.getEvents({ filters: { type: ['container'] }, abortSignal: signal } as WithSignal<{ filters: Record<string, string[]> }>),
  };
}

/** The production client factory: endpoint → dockerode → DockerApi. */
export function createDockerApi(endpoint: DockerEndpoint): DockerApi {
  return dockerApiFrom(createDockerode(endpoint));
}
