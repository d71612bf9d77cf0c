import type Dockerode from 'dockerode';
import Module, { createRequire } from 'node:module';
import type { DockerEndpoint } from './dockerEndpoint';
import { createEngineHttp } from './engineHttp';
import { containerDetailsFrom, containerListFrom, engineVersionFrom, statsFrom } from './engineReplies';

/** The raw fields of `GET /containers/json` that Opsbar reads (all untrusted). */
export interface RawContainerSummary {
  Id: string;
  Names?: string[];
  Image?: string;
  Labels?: Record<string, string> | null;
  State?: string;
  Status?: string;
  /** Published and exposed ports; `PublicPort` only on published ones. */
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type?: string }[];
}

/** The raw fields of `GET /containers/{id}/json` that Opsbar reads. */
export interface RawContainerDetails {
  /** "/name" (the GPU panel's process → container lookup). */
  Name?: string;
  Config?: { Labels?: Record<string, string> | null };
  RestartCount?: number;
  State?: {
    Status?: string;
    ExitCode?: number;
    StartedAt?: string;
    /** The main process's host PID (0 when not running): where its cgroup files are found. */
    Pid?: number;
    Health?: { Status?: string } | null;
  };
}

/**
 * The few Engine API calls the collector makes. Every call takes an AbortSignal so the
 * caller can put a deadline on it; the production implementation is createDockerApi below.
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

const requireHere = createRequire(__filename);
let dockerodeClass: typeof Dockerode | null = null;

/**
 * dockerode, loaded without what Opsbar never uses. At load time dockerode requires
 * @grpc/grpc-js, @grpc/proto-loader and protobufjs (lib/session.js, BuildKit sessions) and
 * docker-modem requires ssh2 (lib/ssh.js, ssh:// endpoints): 12 MB of RSS and 120 ms of require
 * time (66 → 54 MB, 169 → 48 ms measured) for an app that talks to a local socket. Each of those
 * two files exports one function, so a stand-in that loads the real file on its first call goes
 * into the require cache first; dockerode keeps working in full (a BuildKit build or an ssh
 * endpoint just loads them then).
 */
export function loadDockerode(): typeof Dockerode {
  if (dockerodeClass) return dockerodeClass;
  const dockerodeMain = requireHere.resolve('dockerode');
  const fromDockerode = createRequire(dockerodeMain);
  deferFunctionModule(fromDockerode.resolve('./session.js'));
  deferFunctionModule(createRequire(fromDockerode.resolve('docker-modem')).resolve('./ssh.js'));
  dockerodeClass = requireHere(dockerodeMain) as typeof Dockerode;
  return dockerodeClass;
}

/** Puts a stand-in for a CommonJS file whose exports are one function into the require cache; the real file loads on the first call. */
function deferFunctionModule(file: string): void {
  const cache = requireHere.cache;
  if (cache[file]) return; // already loaded for real (e.g. by a full `import 'dockerode'` elsewhere)
  let real: ((...args: unknown[]) => unknown) | null = null;
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = function deferred(this: unknown, ...args: unknown[]): unknown {
    if (!real) {
      if (cache[file] === standIn) delete cache[file];
      real = requireHere(file) as (...a: unknown[]) => unknown;
    }
    return real.apply(this, args);
  };
  cache[file] = standIn;
}

/**
 * A dockerode instance for one endpoint. DOCKER_HOST, DOCKER_CLIENT_TIMEOUT and friends are
 * read by docker-modem itself, so every connection field is set explicitly (undefined included)
 * to keep the environment from overriding the endpoint Opsbar chose. No modem timeout: it is a
 * socket idle timeout and would cut the long-lived events stream; calls get deadlines instead.
 */
export function createDockerode(endpoint: DockerEndpoint): Dockerode {
  const common = { timeout: undefined, pathPrefix: undefined, ca: undefined, cert: undefined, key: undefined };
  const Dockerode = loadDockerode();
  if (endpoint.kind === 'unix') {
    return new Dockerode({ ...common, socketPath: endpoint.socketPath, host: undefined, port: undefined, protocol: undefined });
  }
  return new Dockerode({ ...common, socketPath: undefined, host: endpoint.host, port: endpoint.port, protocol: 'http' });
}

/**
 * The production client: Node's http over the endpoint, every reply bounded (engineHttp) and
 * checked against the shape Opsbar reads (engineReplies). dockerode is not on this path: it
 * buffers whole replies without bound; `createDockerode` stays for full-API uses.
 */
export function createDockerApi(endpoint: DockerEndpoint): DockerApi {
  const http = createEngineHttp(endpoint);
  const id = (value: string) => encodeURIComponent(value);
  return {
    version: async (signal) => engineVersionFrom(await http.getJson('/version', signal)),
    listContainers: async (signal) => containerListFrom(await http.getJson('/containers/json?all=1', signal)),
    inspectContainer: async (containerId, signal) => containerDetailsFrom(await http.getJson(`/containers/${id(containerId)}/json`, signal), containerId),
    containerStats: async (containerId, signal) =>
      statsFrom(await http.getJson(`/containers/${id(containerId)}/stats?stream=false&one-shot=true`, signal), containerId),
    containerEvents: (signal) => http.openStream(`/events?filters=${encodeURIComponent(JSON.stringify({ type: ['container'] }))}`, signal),
  };
}
