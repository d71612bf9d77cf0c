import type { KeptItem, PlanItem } from '../../../../shared/types/actions';
import type { GpuProcess, GpuSnapshot } from '../../../../shared/types/gpu';
import type { ModelsSnapshot } from '../../../../shared/types/models';
import { exclusionReason, type ExclusionContext } from './processExclusions';
import { commandLineOf, startTicksToMs, type ProcessIdentity } from './processIdentity';
import { modelItemId, UNLOADABLE_KINDS } from './modelUnload';

export interface GpuCandidateInput {
  gpu: GpuSnapshot;
  models: ModelsSnapshot;
  /** Only candidates on this GPU. */
  gpuIndex?: number;
  exclusions: ExclusionContext;
  readIdentity(pid: number): ProcessIdentity | null;
}

export interface GpuCandidates {
  items: PlanItem[];
  kept: KeptItem[];
}

/** A group of items that go together in the list (a container's restart and stop), ordered by memory. */
interface Group {
  bytes: number | null;
  items: PlanItem[];
}

/** The GPU list's start time and /proc's may differ by rounding; more than this is another process. */
const START_TIME_SLACK_MS = 1_000;

const sum = (values: (number | null)[]): number | null => (values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null);
const gpusOf = (processes: readonly GpuProcess[]): string => {
  const indexes = [...new Set(processes.map((p) => p.gpuIndex).filter((i): i is number => i !== null))].sort((a, b) => a - b);
  return indexes.length === 0 ? 'a GPU' : indexes.length === 1 ? `GPU ${indexes[0]}` : `GPUs ${indexes.join(', ')}`;
};
// The size is the item's `bytes` (shown beside it); the reason says where and what happens.
const holds = (bytes: number | null, processes: readonly GpuProcess[]) => `on ${gpusOf(processes)}${bytes === null ? ' (memory not reported)' : ''}`;

/** Loaded models a server can unload by API; their serving processes are left unticked (unloading is gentler). */
function modelGroups(input: GpuCandidateInput, groups: Group[], kept: KeptItem[]): Map<number, string> {
  const servedBy = new Map<number, string>();
  for (const endpoint of input.models.endpoints) {
    if (!endpoint.up) continue;
    for (const model of endpoint.models) {
      if (!model.loaded) continue;
      if (input.gpuIndex !== undefined && !model.gpus.some((g) => g.gpuIndex === input.gpuIndex)) continue;
      const id = modelItemId(endpoint.url, model.name);
      const label = `${model.name} on ${endpoint.name}`;
      const bytes = model.vramBytes ?? sum(model.gpus.map((g) => g.memoryBytes));
      if (model.vramBytes === 0) {
        kept.push({ id, kind: 'model.unload', name: label, reason: 'loaded in CPU memory, not on the GPU: unloading it frees no GPU memory' });
        continue;
      }
      if (!endpoint.kind || !UNLOADABLE_KINDS.includes(endpoint.kind)) {
        kept.push({ id, kind: 'model.unload', name: label, reason: `${endpoint.kindLabel ?? 'this server'} has no unload call: stop its process or container instead` });
        continue;
      }
      for (const share of model.gpus) servedBy.set(share.pid, label);
      groups.push({
        bytes,
        items: [{
          id,
          kind: 'model.unload',
          name: label,
          bytes,
          reason: `loaded in ${endpoint.kindLabel ?? endpoint.kind}: unloaded through its API (it loads again on the next request)`,
          selected: true,
          facts: { endpoint: endpoint.url, serverKind: endpoint.kind, model: model.name },
        }],
      });
    }
  }
  return servedBy;
}

function containerGroups(input: GpuCandidateInput, processes: GpuProcess[], servedBy: Map<number, string>, groups: Group[], kept: KeptItem[]): void {
  const byContainer = new Map<string, GpuProcess[]>();
  for (const p of processes) if (p.container) byContainer.set(p.container.id, [...(byContainer.get(p.container.id) ?? []), p]);
  for (const [containerId, list] of byContainer) {
    const c = list[0].container!;
    const name = c.stack && c.service ? `${c.stack}/${c.service}` : (c.name ?? `container ${containerId.slice(0, 12)}`);
    if (list.some((p) => input.exclusions.ownPids.includes(p.pid))) {
      kept.push({ id: `container:${containerId}`, kind: 'container.restart', name, reason: 'Opsbar runs in this container: never stopped' });
      continue;
    }
    const bytes = sum(list.map((p) => p.memoryBytes));
    const serves = list.map((p) => servedBy.get(p.pid)).find((m) => m !== undefined);
    const facts = { containerId, containerName: c.name, pids: list.map((p) => p.pid).join(',') };
    const what = `${holds(bytes, list)} (${list.length === 1 ? 'PID' : 'PIDs'} ${facts.pids})${c.stack ? `, compose stack ${c.stack}` : ''}`;
    groups.push({
      bytes,
      items: [
        { id: `container:${containerId}:restart`, kind: 'container.restart', name, bytes, reason: serves ? `${what}; serves ${serves}: unloading the model is gentler` : `${what}; restarted, it starts again with its GPU memory released`, selected: !serves, facts },
        { id: `container:${containerId}:stop`, kind: 'container.stop', name, bytes, reason: `${what}; stopped, it stays down until you start it`, selected: false, facts },
      ],
    });
  }
}

function processGroups(input: GpuCandidateInput, processes: GpuProcess[], servedBy: Map<number, string>, groups: Group[], kept: KeptItem[]): void {
  const byPid = new Map<number, GpuProcess[]>();
  for (const p of processes) if (!p.container) byPid.set(p.pid, [...(byPid.get(p.pid) ?? []), p]);
  for (const [pid, rows] of byPid) {
    const listed = rows[0];
    const identity = input.readIdentity(pid);
    if (!identity) {
      kept.push({ id: `pid:${pid}`, kind: 'process.stop', name: listed.name, reason: `PID ${pid} has ended since the GPU list was read` });
      continue;
    }
    const name = commandLineOf(identity);
    const startedMs = startTicksToMs(identity.startTicks);
    if (listed.startedAt !== null && startedMs !== null && Math.abs(listed.startedAt - startedMs) > START_TIME_SLACK_MS) {
      kept.push({ id: `pid:${pid}`, kind: 'process.stop', name, reason: `PID ${pid} now belongs to another process than the one the GPU list saw: plan again` });
      continue;
    }
    if (identity.containerId) {
      kept.push({ id: `pid:${pid}`, kind: 'process.stop', name, reason: `runs in container ${identity.containerId.slice(0, 12)}, which Docker did not name: restart or stop that container instead` });
      continue;
    }
    const excluded = exclusionReason(identity, input.exclusions);
    if (excluded) {
      kept.push({ id: `pid:${pid}`, kind: 'process.stop', name, reason: excluded });
      continue;
    }
    const bytes = sum(rows.map((r) => r.memoryBytes));
    const serves = servedBy.get(pid);
    const what = `${holds(bytes, rows)} · PID ${pid}${listed.user ? `, user ${listed.user}` : ''}`;
    groups.push({
      bytes,
      items: [{
        id: `pid:${pid}:${identity.startTicks}`,
        kind: 'process.stop',
        name,
        bytes,
        reason: serves ? `${what}; serves ${serves}: unloading the model is gentler` : `${what}; stopped with SIGTERM, then SIGKILL if it does not exit`,
        selected: !serves,
        facts: { pid, startTicks: identity.startTicks, uid: identity.uid, cmdline: name },
      }],
    });
  }
}

/** Largest first; unknown sizes last. */
const byBytes = (a: Group, b: Group) => (b.bytes ?? -1) - (a.bytes ?? -1);

/**
 * What holds GPU memory and how each can be released, biggest first: loaded models (unloaded by
 * the server's API), containers (restart, or stop), host processes (SIGTERM, then SIGKILL). Reads
 * only: the status, and /proc for each host process's identity.
 */
export function gpuCandidates(input: GpuCandidateInput): GpuCandidates {
  const groups: Group[] = [];
  const kept: KeptItem[] = [];
  const processes = input.gpu.processes.filter((p) => input.gpuIndex === undefined || p.gpuIndex === input.gpuIndex);
  const servedBy = modelGroups(input, groups, kept);
  containerGroups(input, processes, servedBy, groups, kept);
  processGroups(input, processes, servedBy, groups, kept);
  return { items: groups.sort(byBytes).flatMap((g) => g.items), kept };
}
