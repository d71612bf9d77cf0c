import type Dockerode from 'dockerode';
import type { ActionDeps } from '../actionPlugin';
import { withDeadline } from '../docker/dockerAdmin';
import { type BuildCacheRecord, engineDiskUsage, engineInfo } from './engineCalls';

/** Deadline of one read while planning (a sized container list can take a while on a big host). */
export const PLAN_CALL_MS = 30_000;

/** What the disk plan reads from the engine, once, before deciding anything. */
export interface DockerView {
  docker: Dockerode;
  /** Docker's data root (`/info` DockerRootDir) when the engine is on this machine; null for a remote one. */
  localRoot: string | null;
  rootDir: string | null;
  containers: Dockerode.ContainerInfo[];
  images: Dockerode.ImageInfo[];
  danglingIds: Set<string>;
  buildCache: BuildCacheRecord[];
  volumes: Dockerode.VolumeInspectInfo[];
}

export type DockerReading = { view: DockerView; problem: null } | { view: null; problem: string };

const neverAborted = new AbortController().signal;

function read<T>(what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return withDeadline(what, PLAN_CALL_MS, neverAborted, run);
}

/** Reads containers (with sizes), images, build cache and volumes; a problem in words when the engine cannot be reached. */
export async function readDockerView(deps: ActionDeps): Promise<DockerReading> {
  let docker: Dockerode;
  try {
    docker = deps.dockerAdmin();
  } catch (error) {
    return { view: null, problem: (error as Error).message };
  }
  const { resolution } = deps.docker.current();
  const local = resolution?.chosen?.kind === 'unix';
  try {
    const info = await read('Docker /info', (signal) => engineInfo(docker, signal));
    const [containers, images, dangling, df, volumes] = await Promise.all([
      read('Docker container list', (abortSignal) => docker.listContainers({ all: true, size: true, abortSignal } as Dockerode.ContainerListOptions)),
      read('Docker image list', (abortSignal) => docker.listImages({ abortSignal } as Dockerode.ListImagesOptions)),
      read('Docker dangling image list', (abortSignal) => docker.listImages({ filters: { dangling: ['true'] }, abortSignal } as Dockerode.ListImagesOptions)),
      read('Docker /system/df', (signal) => engineDiskUsage(docker, signal)),
      read('Docker volume list', (abortSignal) => docker.listVolumes({ abortSignal })),
    ]);
    const rootDir = info.DockerRootDir ?? null;
    return {
      view: {
        docker,
        rootDir,
        localRoot: local ? rootDir : null,
        containers,
        images,
        danglingIds: new Set(dangling.map((image) => image.Id)),
        buildCache: df.BuildCache ?? [],
        volumes: volumes.Volumes ?? [],
      },
      problem: null,
    };
  } catch (error) {
    return { view: null, problem: (error as Error).message };
  }
}

export function containerName(container: Pick<Dockerode.ContainerInfo, 'Names' | 'Id'>): string {
  return container.Names?.[0]?.replace(/^\//, '') ?? container.Id.slice(0, 12);
}

export const PROTECT_LABEL = 'opsbar.protect';

export function isProtected(labels: Record<string, string> | null | undefined): boolean {
  return labels?.[PROTECT_LABEL] === 'true';
}

/** Exited, created and dead containers may be removed; running, paused, restarting (and removing) never. */
export const REMOVABLE_STATES = new Set(['exited', 'created', 'dead']);
