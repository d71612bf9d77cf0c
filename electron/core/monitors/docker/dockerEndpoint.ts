/**
 * Where to find the Docker engine. Pure: the environment, home folder and a file-exists
 * check are passed in, so the order of preference is unit-tested without touching the disk.
 */

export type DockerEndpointSource =
  | 'configured'
  | 'DOCKER_HOST'
  | 'default'
  | 'docker-desktop'
  | 'colima'
  | 'orbstack'
  | 'podman';

export type DockerEndpoint =
  | { kind: 'unix'; socketPath: string; source: DockerEndpointSource }
  | { kind: 'tcp'; host: string; port: number; source: DockerEndpointSource };

export interface DockerEndpointInput {
  /** settings.docker.endpoint: a socket path, unix:// or tcp:// URL; empty means autodetect. */
  configured: string;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** Whether a socket file is there (fs.existsSync in production). */
  exists(path: string): boolean;
}

export interface DockerEndpointResolution {
  /** Every endpoint considered, in order of preference. */
  candidates: DockerEndpoint[];
  /** The one to use, or null when no socket was found. */
  chosen: DockerEndpoint | null;
  /** Values that were set but not used, with the reason (shown to the operator). */
  ignored: { value: string; reason: string }[];
}

/** A human label for an endpoint: the socket path or tcp://host:port. */
export function describeEndpoint(endpoint: DockerEndpoint): string {
  return endpoint.kind === 'unix' ? endpoint.socketPath : `tcp://${endpoint.host}:${endpoint.port}`;
}

type Parsed = { ok: true; endpoint: DockerEndpoint } | { ok: false; reason: string };

/** Parses a socket path, unix:// or tcp:// (also http://) URL. */
export function parseDockerEndpoint(value: string, source: DockerEndpointSource): Parsed {
  const text = value.trim();
  if (text.startsWith('/')) return { ok: true, endpoint: { kind: 'unix', socketPath: text, source } };
  if (text.startsWith('unix://')) {
    const socketPath = text.slice('unix://'.length);
    if (!socketPath.startsWith('/')) return { ok: false, reason: 'a unix:// endpoint needs an absolute socket path' };
    return { ok: true, endpoint: { kind: 'unix', socketPath, source } };
  }
  if (text.startsWith('tcp://') || text.startsWith('http://')) {
    let url: URL;
    try {
      url = new URL(text.replace(/^tcp:/, 'http:'));
    } catch {
      return { ok: false, reason: 'not a valid URL (expected tcp://host:port)' };
    }
    if (!url.hostname) return { ok: false, reason: 'the URL has no host' };
    const port = url.port ? Number(url.port) : 2375;
    // The plain-HTTP Docker API gives root on the host; TLS client certificates are not supported yet.
    if (port === 2376) return { ok: false, reason: 'port 2376 means TLS, which Opsbar does not support yet' };
    return { ok: true, endpoint: { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port, source } };
  }
  return { ok: false, reason: 'expected a socket path, unix:///path or tcp://host:port' };
}

function sameEndpoint(a: DockerEndpoint, b: DockerEndpoint): boolean {
  return describeEndpoint(a) === describeEndpoint(b);
}

/**
 * Order: the configured endpoint (used alone: the operator chose it, and silently falling
 * back to another engine would show another host's containers), then DOCKER_HOST, then the
 * well-known sockets. A tcp:// DOCKER_HOST is ignored unless it is what the operator configured:
 * an inherited environment must not point a tray app at a remote, unauthenticated engine.
 */
export function resolveDockerEndpoint(input: DockerEndpointInput): DockerEndpointResolution {
  const ignored: DockerEndpointResolution['ignored'] = [];
  const configured = input.configured.trim();
  if (configured) {
    const parsed = parseDockerEndpoint(configured, 'configured');
    if (!parsed.ok) return { candidates: [], chosen: null, ignored: [{ value: configured, reason: parsed.reason }] };
    return { candidates: [parsed.endpoint], chosen: parsed.endpoint, ignored };
  }

  const candidates: DockerEndpoint[] = [];
  const add = (endpoint: DockerEndpoint) => {
    if (!candidates.some((c) => sameEndpoint(c, endpoint))) candidates.push(endpoint);
  };

  const dockerHost = input.env.DOCKER_HOST?.trim();
  if (dockerHost) {
    const parsed = parseDockerEndpoint(dockerHost, 'DOCKER_HOST');
    if (!parsed.ok) ignored.push({ value: `DOCKER_HOST=${dockerHost}`, reason: parsed.reason });
    else if (parsed.endpoint.kind === 'tcp')
      ignored.push({ value: `DOCKER_HOST=${dockerHost}`, reason: 'tcp endpoints are used only when set in docker.endpoint' });
    else add(parsed.endpoint);
  }

  const home = input.homedir.replace(/\/+$/, '');
  add({ kind: 'unix', socketPath: '/var/run/docker.sock', source: 'default' });
  if (home) {
    add({ kind: 'unix', socketPath: `${home}/.docker/run/docker.sock`, source: 'docker-desktop' });
    add({ kind: 'unix', socketPath: `${home}/.colima/default/docker.sock`, source: 'colima' });
    add({ kind: 'unix', socketPath: `${home}/.orbstack/run/docker.sock`, source: 'orbstack' });
  }
  const runtimeDir = input.env.XDG_RUNTIME_DIR?.trim().replace(/\/+$/, '');
  if (runtimeDir) add({ kind: 'unix', socketPath: `${runtimeDir}/podman/podman.sock`, source: 'podman' });

  const chosen = candidates.find((c) => c.kind === 'tcp' || input.exists(c.socketPath)) ?? null;
  return { candidates, chosen, ignored };
}
