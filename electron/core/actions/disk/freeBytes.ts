import { stat, statfs } from 'node:fs/promises';
import { formatBytes } from '../../../../shared/format/bytes';
import { withDeadline } from '../docker/dockerAdmin';

/** How long one statfs may take (a hung network mount must not hang the action). */
const STATFS_MS = 10_000;

export interface MountReading {
  path: string;
  device: number;
  freeBytes: number;
}

/** Free bytes (available to a normal user) of each path's file system, one reading per device. */
export async function measureFreeBytes(paths: readonly string[], signal: AbortSignal): Promise<MountReading[]> {
  const readings: MountReading[] = [];
  for (const path of paths) {
    try {
      const [fs, info] = await withDeadline(`statfs of ${path}`, STATFS_MS, signal, () => Promise.all([statfs(path), stat(path)]));
      if (readings.some((r) => r.device === info.dev)) continue;
      readings.push({ path, device: info.dev, freeBytes: fs.bavail * fs.bsize });
    } catch {
      // Not there or not readable: not measured (verify says which were).
    }
  }
  return readings;
}

/** `before` as the framework keeps it: `free:<path>` per file system measured. */
export function toFigures(readings: readonly MountReading[]): Record<string, number | null> {
  return Object.fromEntries(readings.map((r) => [`free:${r.path}`, r.freeBytes]));
}

export function fromFigures(figures: Record<string, number | null>): { path: string; freeBytes: number }[] {
  return Object.entries(figures)
    .filter((e): e is [string, number] => e[0].startsWith('free:') && typeof e[1] === 'number')
    .map(([key, freeBytes]) => ({ path: key.slice('free:'.length), freeBytes }));
}

/** "Freed 3.2 GB on / (predicted 3.5 GB; Docker's figures are estimates)". */
export function freedSummary(perMount: { path: string; freed: number }[], predicted: number): string {
  if (perMount.length === 0) return `Free space could not be measured (predicted ${formatBytes(predicted)}).`;
  const parts = perMount.map((m) => (m.freed >= 0 ? `Freed ${formatBytes(m.freed)} on ${m.path}` : `${formatBytes(-m.freed)} less free on ${m.path} (something else wrote meanwhile)`));
  return `${parts.join('; ')} (predicted ${formatBytes(predicted)}; Docker's figures are estimates)`;
}
