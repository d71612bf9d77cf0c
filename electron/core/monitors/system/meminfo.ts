import type { MemoryInfo } from './types';

/**
 * Parses /proc/meminfo (values in kB). Used memory is MemTotal − MemAvailable, as `free`
 * and htop report it. Kernels before 3.14 have no MemAvailable; there MemFree + Buffers +
 * Cached stands in (it overstates what can be reclaimed, but only slightly).
 */
export function parseMeminfo(text: string): MemoryInfo {
  const kb = new Map<string, number>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const value = parseInt(line.slice(colon + 1), 10);
    if (Number.isFinite(value)) kb.set(line.slice(0, colon), value);
  }
  const total = kb.get('MemTotal');
  if (total === undefined) throw new Error('/proc/meminfo has no MemTotal line');
  const available =
    kb.get('MemAvailable') ?? (kb.get('MemFree') ?? 0) + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0);
  return {
    totalBytes: total * 1024,
    availableBytes: Math.min(available, total) * 1024,
    swapTotalBytes: (kb.get('SwapTotal') ?? 0) * 1024,
    swapFreeBytes: (kb.get('SwapFree') ?? 0) * 1024,
  };
}
