import { join } from 'node:path';
import type { GpuProcess, GpuProcessContainer } from '../../../../../shared/types/gpu';
import type { Clock } from '../../../clock';
import type { DockerApi } from '../../docker/dockerApi';
import type { RawGpuProcess } from '../gpuSource';
import { containerFromCgroup } from './cgroupContainer';
import { forEachBounded } from '../../docker/boundedConcurrency';
import { createContainerLookup, type ContainerLookup, type ContainerNames } from './containerLookup';
import { parseBootTime, parseStatStartTicks, parseStatusUid, readSmallFile, startedAtMs } from './procFiles';
import { createUserNames } from './userNames';

export interface GpuProcessEnricherOptions {
  /** Default '/proc'. */
  procRoot?: string;
  /** Default '/etc/passwd'. */
  passwdPath?: string;
  /** The Docker engine to name containers with; null while Docker is off. */
  getDockerApi: () => DockerApi | null;
  clock: Clock;
  /** Defaults to a lookup over `getDockerApi` (2 s deadline, cached). */
  containerLookup?: ContainerLookup;
}

export interface GpuProcessEnricher {
  /** Owner, start time and container of each process, sorted by memory (largest first, unknown last). */
  enrich(raw: RawGpuProcess[]): Promise<GpuProcess[]>;
}

/** /proc is read for at most this many processes per call (the largest): a bound, not a real limit. */
const MAX_PROCESSES = 1024;
/** Inspect calls in flight at once when many containers are new. */
const LOOKUP_CONCURRENCY = 4;
const UNREAD = { user: null, startedAt: null, container: null } as const;

/** Largest first; unknown memory last; then by pid so the order is stable. */
export function byMemory(a: Pick<GpuProcess, 'pid' | 'memoryBytes'>, b: Pick<GpuProcess, 'pid' | 'memoryBytes'>): number {
  if (a.memoryBytes !== b.memoryBytes) {
    if (a.memoryBytes === null) return 1;
    if (b.memoryBytes === null) return -1;
    return b.memoryBytes - a.memoryBytes;
  }
  return a.pid - b.pid;
}

/**
 * Turns nvidia-smi's processes into the GPU list's: who owns each (/proc/<pid>/status), when
 * it started (/proc/<pid>/stat, which with the pid guards a kill against PID reuse), and which
 * container it runs in (/proc/<pid>/cgroup, then the Docker engine for the name and compose
 * labels). A process that ended meanwhile keeps its nvidia-smi figures with these fields null.
 */
export function createGpuProcessEnricher(options: GpuProcessEnricherOptions): GpuProcessEnricher {
  const procRoot = options.procRoot ?? '/proc';
  const users = createUserNames(options.passwdPath ?? '/etc/passwd', options.clock);
  const lookup = options.containerLookup ?? createContainerLookup(options.getDockerApi, options.clock);
  // Read once: the kernel derives btime from the clock and uptime, so it may move by a second
  // between reads, and a start time that moved would look like a different process.
  let bootTimeSec: number | null | undefined;

  const bootTime = (): number | null => {
    if (bootTimeSec === undefined) {
      const text = readSmallFile(join(procRoot, 'stat'), 256 * 1024);
      bootTimeSec = text === null ? null : parseBootTime(text);
    }
    return bootTimeSec;
  };

  const facts = (pid: number) => {
    const dir = join(procRoot, String(pid));
    const status = readSmallFile(join(dir, 'status'));
    const stat = readSmallFile(join(dir, 'stat'));
    const cgroup = readSmallFile(join(dir, 'cgroup'));
    const uid = status === null ? null : parseStatusUid(status);
    const ticks = stat === null ? null : parseStatStartTicks(stat);
    const boot = ticks === null ? null : bootTime();
    return {
      user: uid === null ? null : users.nameOf(uid),
      startedAt: ticks === null || boot === null ? null : startedAtMs(ticks, boot),
      container: cgroup === null ? null : containerFromCgroup(cgroup),
    };
  };

  return {
    async enrich(raw) {
      const sorted = [...raw].sort(byMemory);
      const read = sorted.map((p, i) => ({ raw: p, ...(i < MAX_PROCESSES && Number.isInteger(p.pid) && p.pid > 0 ? facts(p.pid) : UNREAD) }));
      const ids = [...new Set(read.map((r) => r.container?.id).filter((id): id is string => id !== undefined))];
      const names = new Map<string, ContainerNames | null>();
      await forEachBounded(ids, LOOKUP_CONCURRENCY, async (id) => {
        names.set(id, await lookup.lookup(id).catch(() => null));
      });
      return read
        .map(({ raw: p, user, startedAt, container }): GpuProcess => {
          const found = container ? names.get(container.id) ?? null : null;
          const inContainer: GpuProcessContainer | null = container
            ? { id: container.id, name: found?.name ?? null, stack: found?.stack ?? null, service: found?.service ?? null }
            : null;
          return { pid: p.pid, name: p.name, gpuIndex: p.gpuIndex, gpuUuid: p.gpuUuid, memoryBytes: p.memoryBytes, container: inContainer, user, startedAt };
        });
    },
  };
}
