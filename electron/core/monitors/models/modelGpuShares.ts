/**
 * Which GPU processes serve an endpoint's models: for a container endpoint, the GPU processes the
 * GPU module mapped to that container; for a loopback endpoint, the process listening on its port
 * (Linux /proc) and the GPU processes that are it or its children (Ollama's `ollama serve` listens
 * and spawns the `runner` that holds the GPU memory).
 *
 *   const mapper = new GpuShareMapper({ clock, cacheMs: 300_000 });
 *   const shares = await mapper.sharesFor(endpoint, gpuSnapshot.processes);  // [{ gpuIndex, memoryBytes, pid }]
 *
 * The listener's PID is cached per port for `cacheMs` (a /proc scan per read would be waste).
 */
import type { GpuProcess } from '../../../../shared/types/gpu';
import type { ModelGpuShare } from '../../../../shared/types/models';
import type { Clock } from '../../clock';
import { listeningPid, parentPid } from './listeningProcess';

export interface GpuShareLookup {
  listeningPid(port: number, preferPids: readonly number[]): Promise<number | null>;
  parentPid(pid: number): Promise<number | null>;
}

export interface GpuShareMapperOptions {
  clock: Clock;
  cacheMs: number;
  lookup?: GpuShareLookup;
}

/** How far up from a GPU process its parents are followed to reach the listener. */
const MAX_ANCESTORS = 4;

const procLookup: GpuShareLookup = {
  listeningPid: (port, preferPids) => listeningPid(port, { preferPids }),
  parentPid: (pid) => parentPid(pid),
};

export class GpuShareMapper {
  private readonly listeners = new Map<number, { pid: number | null; at: number }>();
  private readonly lookup: GpuShareLookup;

  constructor(private readonly options: GpuShareMapperOptions) {
    this.lookup = options.lookup ?? procLookup;
  }

  async sharesFor(endpoint: { url: string; container: { name: string } | null }, processes: readonly GpuProcess[]): Promise<ModelGpuShare[]> {
    if (processes.length === 0) return [];
    if (endpoint.container) return processes.filter((p) => p.container?.name === endpoint.container!.name).map(share);
    const port = loopbackPort(endpoint.url);
    if (port === null) return [];
    try {
      const ancestry = new Map<number, number[]>();
      for (const p of processes) ancestry.set(p.pid, await this.ancestorsOf(p.pid));
      const listener = await this.listenerOf(port, [...new Set([...ancestry.values()].flat())]);
      if (listener === null) return [];
      return processes.filter((p) => ancestry.get(p.pid)!.includes(listener)).map(share);
    } catch {
      return []; // unreadable /proc: no mapping, never an error
    }
  }

  private async listenerOf(port: number, preferPids: number[]): Promise<number | null> {
    const now = this.options.clock.now();
    const cached = this.listeners.get(port);
    if (cached && now - cached.at < this.options.cacheMs) return cached.pid;
    const pid = await this.lookup.listeningPid(port, preferPids);
    this.listeners.set(port, { pid, at: now });
    return pid;
  }

  /** The process itself, then its parents (nearest first). */
  private async ancestorsOf(pid: number): Promise<number[]> {
    const chain = [pid];
    let current = pid;
    for (let i = 0; i < MAX_ANCESTORS; i++) {
      const parent = await this.lookup.parentPid(current);
      if (parent === null || parent <= 1 || chain.includes(parent)) break;
      chain.push(parent);
      current = parent;
    }
    return chain;
  }
}

function share(p: GpuProcess): ModelGpuShare {
  return { gpuIndex: p.gpuIndex, memoryBytes: p.memoryBytes, pid: p.pid };
}

/** The port of a loopback URL; null for any other host (its process is not on this machine's /proc). */
function loopbackPort(url: string): number | null {
  try {
    const parsed = new URL(url);
    if (!['127.0.0.1', 'localhost', '[::1]', '0.0.0.0'].includes(parsed.hostname)) return null;
    return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  } catch {
    return null;
  }
}
