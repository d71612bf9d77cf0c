import { DOCKER_KIND_LABELS } from '../../../shared/setup/findingSentences';
import type { DockerKind } from '../../../shared/types/setup';

/** The fields of `GET /version` and `GET /info` that tell one Docker from another (untrusted: any may be missing). */
export interface EngineIdentity {
  version: unknown;
  info: unknown;
}

export interface DockerKindReading {
  kind: DockerKind;
  /** "Docker Desktop 4.37.1 (engine 27.4.0)", "Podman 5.2.2", "Linux engine 27.4.0". */
  detail: string;
}

export { DOCKER_KIND_LABELS };

function text(record: unknown, key: string): string {
  if (typeof record !== 'object' || record === null) return '';
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' ? value.slice(0, 200) : '';
}

function components(version: unknown): { name: string; version: string }[] {
  const list = typeof version === 'object' && version !== null ? (version as Record<string, unknown>).Components : null;
  return Array.isArray(list) ? list.map((c) => ({ name: text(c, 'Name'), version: text(c, 'Version') })) : [];
}

/** Which product the socket's path names (null: a path any engine may use, as /var/run/docker.sock). */
export function kindFromPath(endpoint: string): DockerKind | null {
  const path = endpoint.replace(/^unix:\/\//, '');
  if (/^(tcp|https?):\/\//.test(endpoint)) return 'remote';
  if (/\/\.docker\/run\/docker\.sock$/.test(path) || path.includes('/Library/Containers/com.docker.docker/')) return 'docker-desktop';
  if (/\/\.colima\/[^/]+\/docker\.sock$/.test(path)) return 'colima';
  if (/\/\.orbstack\/run\/docker\.sock$/.test(path)) return 'orbstack';
  if (/\/podman\/podman\.sock$/.test(path)) return 'podman';
  if (/\/\.rd\/docker\.sock$/.test(path)) return 'rancher-desktop';
  return null;
}

/** Which product the engine's own answers name (null: a plain engine, or nothing answered). */
export function kindFromAnswers(identity: EngineIdentity): DockerKind | null {
  const os = text(identity.info, 'OperatingSystem');
  const name = text(identity.info, 'Name');
  const platform = text(typeof identity.version === 'object' && identity.version !== null ? (identity.version as Record<string, unknown>).Platform : null, 'Name');
  if (components(identity.version).some((c) => c.name === 'Podman Engine')) return 'podman';
  if (os === 'Docker Desktop' || platform.startsWith('Docker Desktop')) return 'docker-desktop';
  if (os === 'OrbStack' || name === 'orbstack') return 'orbstack';
  if (name.includes('rancher-desktop') || os.includes('Rancher Desktop')) return 'rancher-desktop';
  if (name === 'colima' || name.startsWith('colima-')) return 'colima';
  return null;
}

/**
 * Which Docker the endpoint is: the engine's answers first (a Docker Desktop also serves
 * /var/run/docker.sock), then the socket's path, then "Linux engine" for a plain local socket.
 */
export function dockerKindOf(endpoint: string, identity: EngineIdentity | null): DockerKindReading {
  const fromPath = kindFromPath(endpoint);
  const kind: DockerKind = (identity ? kindFromAnswers(identity) : null) ?? fromPath ?? (endpoint.startsWith('/') || endpoint.startsWith('unix://') ? 'linux-engine' : 'unknown');
  return { kind, detail: detailOf(kind, identity) };
}

function detailOf(kind: DockerKind, identity: EngineIdentity | null): string {
  const label = DOCKER_KIND_LABELS[kind];
  if (!identity) return label;
  const engine = text(identity.version, 'Version') || text(identity.info, 'ServerVersion');
  if (kind === 'podman') {
    const podman = components(identity.version).find((c) => c.name === 'Podman Engine')?.version || engine;
    return podman ? `${label} ${podman}` : label;
  }
  if (kind === 'docker-desktop') {
    const platform = text(typeof identity.version === 'object' && identity.version !== null ? (identity.version as Record<string, unknown>).Platform : null, 'Name');
    const release = /^Docker Desktop (\S+)/.exec(platform)?.[1];
    const head = release ? `${label} ${release}` : label;
    return engine ? `${head} (engine ${engine})` : head;
  }
  if (kind === 'linux-engine' || kind === 'unknown') return engine ? `${label} ${engine}` : label;
  return engine ? `${label} (engine ${engine})` : label;
}
