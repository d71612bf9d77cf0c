import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiskUsageEntry } from '../../../../shared/types/actions';

export interface WalkBudget {
  /** The walk stops when `now()` passes this. */
  deadline: number;
  /** …or after this many entries (files and folders) seen. */
  maxEntries: number;
  now: () => number;
}

export interface WalkResult {
  entries: DiskUsageEntry[];
  totalBytes: number;
  files: number;
  entriesSeen: number;
  truncated: boolean;
  problem: string | null;
}

/** Largest folders reported per root. */
export const TOP_ENTRIES = 10;
/** Entries lstat'ed at once: enough to keep the disk busy, few enough to leave the event loop free. */
const LSTAT_BATCH = 64;

/**
 * Sizes the folders one and two levels under `root` by a bounded walk: lstat only (a link is
 * never followed), never onto another file system, async in small batches so the event loop
 * stays free, and it stops at the time or entry budget (`truncated`: sizes are lower bounds).
 */
export async function walkUsage(root: string, budget: WalkBudget): Promise<WalkResult> {
  const result: WalkResult = { entries: [], totalBytes: 0, files: 0, entriesSeen: 0, truncated: false, problem: null };
  let device: number;
  try {
    const info = await lstat(root);
    if (!info.isDirectory()) return { ...result, problem: `${root} is not a folder` };
    device = info.dev;
  } catch (error) {
    return { ...result, problem: `${root} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const sizes = new Map<string, DiskUsageEntry>();
  const add = (path: string | undefined, bytes: number) => {
    if (!path) return;
    const entry = sizes.get(path) ?? { path, bytes: 0, files: 0 };
    entry.bytes += bytes;
    entry.files++;
    sizes.set(path, entry);
  };
  // Each folder carries the folders at depth 1 and 2 it belongs to, so a file counts toward both.
  const pending: { path: string; top: (string | undefined)[] }[] = [{ path: root, top: [] }];
  let unreadable = 0;
  walk: while (pending.length > 0) {
    const dir = pending.pop()!;
    let names: string[];
    try {
      names = await readdir(dir.path);
    } catch {
      unreadable++;
      continue;
    }
    for (let i = 0; i < names.length; i += LSTAT_BATCH) {
      if (result.entriesSeen >= budget.maxEntries || budget.now() > budget.deadline) {
        result.truncated = true;
        break walk;
      }
      const batch = names.slice(i, i + LSTAT_BATCH).map((name) => join(dir.path, name));
      const infos = await Promise.all(batch.map((path) => lstat(path).catch(() => null)));
      infos.forEach((info, n) => {
        result.entriesSeen++;
        if (!info || info.dev !== device) return;
        const path = batch[n];
        if (info.isDirectory()) {
          const top = dir.top.length < 2 ? [...dir.top, path] : dir.top;
          pending.push({ path, top });
          if (dir.top.length < 2) sizes.set(path, sizes.get(path) ?? { path, bytes: 0, files: 0 });
        } else if (info.isFile()) {
          result.files++;
          result.totalBytes += info.size;
          add(dir.top[0], info.size);
          add(dir.top[1], info.size);
        }
      });
    }
  }
  result.entries = [...sizes.values()].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, TOP_ENTRIES);
  if (unreadable > 0) result.problem = `${unreadable} folder(s) under ${root} could not be read (sizes are lower bounds)`;
  return result;
}
