import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes } from '../../../../shared/format/bytes';
import type { PlanItem } from '../../../../shared/types/actions';
import type { ItemResult } from '../actionPlugin';
import { isInsideDir, roughlySame, treeStats } from './cacheTree';
import { type CandidateSet, DAY_MS, daysAgo, emptyCandidates, skipped } from './diskItems';

const MODEL_DIR = /^models--(.+)$/;

/** `models--meta-llama--Llama-3-8B` → `meta-llama/Llama-3-8B`. */
export function huggingFaceModelName(dir: string): string | null {
  const match = MODEL_DIR.exec(dir);
  return match ? match[1].split('--').join('/') : null;
}

/** Hugging Face hub models (`models--org--name`) whose files were last used more than `unusedDays` ago: one unticked item each. */
export async function planHuggingFace(hub: string, unusedDays: number, now: number): Promise<CandidateSet> {
  const out = emptyCandidates();
  let dirs: string[];
  try {
    dirs = (await readdir(hub, { withFileTypes: true })).filter((d) => d.isDirectory() && MODEL_DIR.test(d.name)).map((d) => d.name);
  } catch (error) {
    out.notes.push(`The Hugging Face cache ${hub} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set emergency.disk.huggingFace.path to where it is.`);
    return out;
  }
  for (const dir of dirs.sort()) {
    const name = huggingFaceModelName(dir)!;
    const path = join(hub, dir);
    const stats = await treeStats(path);
    if (stats.newestUse > now - unusedDays * DAY_MS) {
      out.kept.push({ id: `hf:${name}`, kind: 'cache', name: `Hugging Face ${name}`, reason: `used ${daysAgo(stats.newestUse, now)} (within ${unusedDays} days)` });
      continue;
    }
    out.items.push({
      id: `hf:${name}`,
      kind: 'cache.remove',
      name: `Hugging Face ${name}`,
      bytes: stats.bytes,
      reason: `not used for ${unusedDays}+ days (last ${daysAgo(stats.newestUse, now)}), ${formatBytes(stats.bytes)} in ${path}; it downloads again when next used`,
      selected: false,
      facts: { cache: 'huggingface', root: hub, path, newestUse: stats.newestUse, bytes: stats.bytes },
    });
  }
  return out;
}

/** Removes the model's folder when it is still unused since the plan and about the same size. */
export async function removeHuggingFaceModel(item: PlanItem): Promise<ItemResult> {
  const root = String(item.facts.root);
  const path = String(item.facts.path);
  if (!isInsideDir(path, root) || !MODEL_DIR.test(path.slice(root.length + 1))) return { outcome: 'failed', detail: `refused: ${path} is not a model folder of ${root}` };
  let stats;
  try {
    stats = await treeStats(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return skipped(`${path} no longer exists`);
    throw error;
  }
  if (stats.newestUse > Number(item.facts.newestUse)) return skipped('the model was used since the plan');
  if (!roughlySame(Number(item.facts.bytes), stats.bytes)) return skipped(`its size changed (${formatBytes(Number(item.facts.bytes))} → ${formatBytes(stats.bytes)})`);
  // rm does not follow links: the snapshots' links to blobs go, the blobs are in the folder.
  await rm(path, { recursive: true, force: false });
  return { outcome: 'done', detail: `removed ${path}`, bytes: stats.bytes };
}
