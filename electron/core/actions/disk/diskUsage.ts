import type { DiskUsageRoot, DiskUsageView } from '../../../../shared/types/actions';
import type { ActionDeps } from '../actionPlugin';
import { withDeadline } from '../docker/dockerAdmin';
import { readDiskGrowth } from './diskGrowth';
import { engineInfo } from './engineCalls';
import { huggingFaceHubPath, ollamaModelsPath } from './modelCaches';
import { walkUsage } from './usageWalk';

/** Entries one "what fills this disk" walk looks at, at most, over all roots. */
export const USAGE_WALK_MAX_ENTRIES = 200_000;
const INFO_MS = 5_000;

export interface DiskUsageOptions {
  maxEntries?: number;
  /** Wall time for the budget (the injected clock may stand still in tests). */
  now?: () => number;
}

/** Docker's data root when the engine is on this machine; otherwise why it is not walked. */
async function dockerRoot(deps: ActionDeps): Promise<{ path: string | null; problem: string | null }> {
  try {
    const docker = deps.dockerAdmin();
    if (deps.docker.current().resolution?.chosen?.kind !== 'unix') return { path: null, problem: 'the Docker engine is not on this machine' };
    const info = await withDeadline('Docker /info', INFO_MS, new AbortController().signal, (signal) => engineInfo(docker, signal));
    return info.DockerRootDir ? { path: info.DockerRootDir, problem: null } : { path: null, problem: 'Docker did not say where its data root is' };
  } catch (error) {
    return { path: null, problem: `Docker not reachable: ${(error as Error).message}` };
  }
}

/**
 * What fills this disk: the largest folders under Docker's data root, the Hugging Face cache,
 * Ollama's models and Opsbar's data, by a bounded walk (the time budget of the settings and an
 * entry budget, shared out between the roots), and the days until each disk is full.
 */
export async function readDiskUsage(deps: ActionDeps, options: DiskUsageOptions = {}): Promise<DiskUsageView> {
  const now = options.now ?? Date.now;
  const started = now();
  const settings = deps.settings();
  const deadline = started + settings.emergency.disk.usageWalkBudget;
  let entriesLeft = options.maxEntries ?? USAGE_WALK_MAX_ENTRIES;
  const docker = await dockerRoot(deps);
  const roots: { kind: string; label: string; path: string | null; problem?: string | null }[] = [
    { kind: 'docker', label: "Docker's data root", path: docker.path, problem: docker.problem },
    { kind: 'huggingface', label: 'Hugging Face cache', path: huggingFaceHubPath(settings) },
    { kind: 'ollama', label: "Ollama's models", path: ollamaModelsPath(settings) },
    { kind: 'opsbar', label: "Opsbar's data", path: deps.dataDir },
  ];
  const out: DiskUsageRoot[] = [];
  for (const [i, root] of roots.entries()) {
    if (!root.path) {
      out.push({ kind: root.kind, label: root.label, path: '', exists: false, entries: [], totalBytes: 0, truncated: false, problem: root.problem ?? null });
      continue;
    }
    // Each root gets an equal share of what is left, so a huge first root cannot starve the rest.
    const share = (n: number) => Math.max(1, Math.floor(n / (roots.length - i)));
    const walk = await walkUsage(root.path, { deadline: now() + share(Math.max(0, deadline - now())), maxEntries: share(entriesLeft), now });
    entriesLeft = Math.max(0, entriesLeft - walk.entriesSeen);
    const missing = walk.problem?.includes('(ENOENT)') ?? false;
    out.push({
      kind: root.kind,
      label: root.label,
      path: root.path,
      exists: !missing,
      entries: walk.entries,
      totalBytes: walk.totalBytes,
      truncated: walk.truncated,
      problem: missing ? null : walk.problem,
    });
  }
  let growth: DiskUsageView['growth'] = [];
  try {
    growth = readDiskGrowth(deps.store(), deps.clock.now());
  } catch (error) {
    deps.log.warn(`disk usage: the disk history could not be read: ${(error as Error).message}`);
  }
  return { at: deps.clock.now(), roots: out, growth, elapsedMs: now() - started };
}
