import { lstat, readdir, readFile, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { formatBytes } from '../../../../shared/format/bytes';
import type { PlanItem } from '../../../../shared/types/actions';
import type { ItemResult } from '../actionPlugin';
import { isInsideDir } from './cacheTree';
import { type CandidateSet, DAY_MS, daysAgo, emptyCandidates, skipped } from './diskItems';

interface OllamaManifest {
  /** `llama3:8b`, `ns/model:tag`, or `host/ns/model:tag` off the default registry. */
  name: string;
  path: string;
  digests: string[];
  /** The manifest's change time and its blobs' access and change times (the manifest itself is read here, so its access time says nothing). */
  lastUse: number;
}

function blobPath(models: string, digest: string): string {
  return join(models, 'blobs', digest.replace(':', '-'));
}

/** Every manifest under `models/manifests/<host>/<ns>/<model>/<tag>`, with the blobs it references. */
async function readManifests(models: string): Promise<OllamaManifest[]> {
  const root = join(models, 'manifests');
  const found: OllamaManifest[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < 3) await walk(path, depth + 1);
      else if (entry.isFile() && depth === 3) found.push(await readManifest(models, root, path));
    }
  };
  await walk(root, 0);
  return found;
}

async function readManifest(models: string, root: string, path: string): Promise<OllamaManifest> {
  const [host, ns, model, tag] = relative(root, path).split(sep);
  const doc = JSON.parse(await readFile(path, 'utf8')) as { config?: { digest?: string }; layers?: { digest?: string }[] };
  const digests = [doc.config?.digest, ...(doc.layers ?? []).map((l) => l.digest)].filter((d): d is string => typeof d === 'string' && /^sha256:[0-9a-f]{64}$/.test(d));
  let lastUse = (await lstat(path)).mtimeMs;
  for (const digest of digests) {
    const blob = await lstat(blobPath(models, digest)).catch(() => null);
    if (blob) lastUse = Math.max(lastUse, blob.atimeMs, blob.mtimeMs);
  }
  const base = host === 'registry.ollama.ai' ? (ns === 'library' ? model : `${ns}/${model}`) : `${host}/${ns}/${model}`;
  return { name: `${base}:${tag}`, path, digests, lastUse };
}

/** The blobs only this manifest references (what removing it frees) and their bytes. */
async function exclusiveBlobs(models: string, manifest: OllamaManifest, all: readonly OllamaManifest[]): Promise<{ paths: string[]; bytes: number }> {
  const shared = new Set(all.filter((m) => m.path !== manifest.path).flatMap((m) => m.digests));
  const paths: string[] = [];
  let bytes = 0;
  for (const digest of new Set(manifest.digests)) {
    if (shared.has(digest)) continue;
    const path = blobPath(models, digest);
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile()) continue;
    paths.push(path);
    bytes += info.size;
  }
  return { paths, bytes };
}

/** Ollama models (one item per model:tag) not used for `unusedDays`: removing one deletes its manifest and the blobs no other manifest uses. */
export async function planOllama(models: string, unusedDays: number, now: number): Promise<CandidateSet> {
  const out = emptyCandidates();
  let manifests: OllamaManifest[];
  try {
    manifests = await readManifests(models);
  } catch (error) {
    out.notes.push(`Ollama's models ${models} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set emergency.disk.ollama.path to where they are.`);
    return out;
  }
  for (const manifest of manifests.sort((a, b) => a.name.localeCompare(b.name))) {
    if (manifest.lastUse > now - unusedDays * DAY_MS) {
      out.kept.push({ id: `ollama:${manifest.name}`, kind: 'cache', name: `Ollama ${manifest.name}`, reason: `used ${daysAgo(manifest.lastUse, now)} (within ${unusedDays} days)` });
      continue;
    }
    const blobs = await exclusiveBlobs(models, manifest, manifests);
    out.items.push({
      id: `ollama:${manifest.name}`,
      kind: 'cache.remove',
      name: `Ollama ${manifest.name}`,
      bytes: blobs.bytes,
      reason: `not used for ${unusedDays}+ days (last ${daysAgo(manifest.lastUse, now)}), ${formatBytes(blobs.bytes)} in blobs no other model uses; \`ollama pull\` brings it back`,
      selected: false,
      facts: { cache: 'ollama', root: models, path: manifest.path, newestUse: manifest.lastUse, bytes: blobs.bytes },
    });
  }
  return out;
}

/** Deletes the manifest, then the blobs no other manifest references now (computed again at this moment). */
export async function removeOllamaModel(item: PlanItem): Promise<ItemResult> {
  const models = String(item.facts.root);
  const path = String(item.facts.path);
  if (!isInsideDir(path, join(models, 'manifests'))) return { outcome: 'failed', detail: `refused: ${path} is not a manifest under ${models}` };
  const manifests = await readManifests(models);
  const manifest = manifests.find((m) => m.path === path);
  if (!manifest) return skipped(`the manifest ${path} no longer exists`);
  if (manifest.lastUse > Number(item.facts.newestUse)) return skipped('the model was used since the plan');
  const blobs = await exclusiveBlobs(models, manifest, manifests);
  await unlink(path);
  for (const blob of blobs.paths) await unlink(blob);
  return { outcome: 'done', detail: `removed the manifest and ${blobs.paths.length} blob(s) no other model uses (${formatBytes(blobs.bytes)})`, bytes: blobs.bytes };
}
