import type Dockerode from 'dockerode';

/**
 * Engine API calls dockerode does not make the way the disk action needs: its `pruneBuilder`
 * drops the options (so a filter would be lost and the prune would be broad), and image inspect
 * ignores the abort signal. Both go straight through the modem here.
 */
function dial<T>(docker: Dockerode, path: string, method: 'GET' | 'POST', query: Record<string, unknown>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      { path, method, options: { ...query }, abortSignal: signal, statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such object', 500: 'server error' } } as never,
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as T)),
    );
  });
}

export interface ImageDetails {
  Id: string;
  RepoTags: string[] | null;
  Created: string;
  Size: number;
  Config: { Labels: Record<string, string> | null } | null;
}

export function inspectImage(docker: Dockerode, id: string, signal: AbortSignal): Promise<ImageDetails> {
  return dial<ImageDetails>(docker, `/images/${encodeURIComponent(id)}/json`, 'GET', {}, signal);
}

export interface BuildCacheRecord {
  ID: string;
  Type?: string;
  Description?: string;
  InUse: boolean;
  Shared?: boolean;
  Size: number;
  LastUsedAt?: string | null;
  CreatedAt?: string;
}

export interface PruneReply {
  CachesDeleted: string[] | null;
  SpaceReclaimed: number;
}

/** Prunes exactly one build cache record: `filters={"id":["<ID>"]}` (never without a filter). */
export function pruneBuildCacheRecord(docker: Dockerode, id: string, signal: AbortSignal): Promise<PruneReply> {
  if (!/^[A-Za-z0-9]+$/.test(id)) throw new Error(`build cache id ${JSON.stringify(id)} is not a plain id; nothing was pruned`);
  return dial<PruneReply>(docker, '/build/prune?', 'POST', { filters: { id: [id] } }, signal);
}

/** dockerode takes `abortSignal` in these options; its typings do not say so. */
type WithSignal<R> = (options: { abortSignal: AbortSignal }) => Promise<R>;

export function engineInfo(docker: Dockerode, signal: AbortSignal): Promise<{ DockerRootDir?: string }> {
  return (docker.info as unknown as WithSignal<{ DockerRootDir?: string }>).call(docker, { abortSignal: signal });
}

export function engineDiskUsage(docker: Dockerode, signal: AbortSignal): Promise<{ BuildCache?: BuildCacheRecord[] | null }> {
  return (docker.df as unknown as WithSignal<{ BuildCache?: BuildCacheRecord[] | null }>).call(docker, { abortSignal: signal });
}

export function inspectContainer(docker: Dockerode, id: string, signal: AbortSignal): Promise<Dockerode.ContainerInspectInfo> {
  const container = docker.getContainer(id);
  return (container.inspect as unknown as WithSignal<Dockerode.ContainerInspectInfo>).call(container, { abortSignal: signal });
}

/** Removes one image by id, untagging nothing by force and keeping nothing a container uses (`force: false`). */
export function removeImageById(docker: Dockerode, id: string, signal: AbortSignal): Promise<unknown> {
  const image = docker.getImage(id);
  return (image.remove as unknown as (options: Record<string, unknown>) => Promise<unknown>).call(image, { noprune: false, force: false, abortSignal: signal });
}
