const GIB = 1024 ** 3;

/**
 * GPU memory in the units cards are sold in: a "24 GB" card has 24 GiB (nvidia-smi counts MiB),
 * so GPU figures are binary gigabytes, written "GB" as vendors and nvidia-smi users read them.
 */
export function formatGpuBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return 'not reported';
  if (bytes < GIB) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${(bytes / GIB).toFixed(1)} GB`;
}

/** Used share of total, 0–100, or null when either is not reported. */
export function gpuMemoryPercent(used: number | null, total: number | null): number | null {
  if (used === null || total === null || !(total > 0)) return null;
  return Math.min(100, Math.max(0, (used / total) * 100));
}

/** "21.3 of 24.0 GB (89%)"; "21.3 GB used (total not reported)"; "memory not reported". */
export function formatGpuMemory(used: number | null, total: number | null): string {
  const percent = gpuMemoryPercent(used, total);
  if (percent !== null) return `${(used! / GIB).toFixed(1)} of ${(total! / GIB).toFixed(1)} GB (${Math.round(percent)}%)`;
  if (used !== null) return `${formatGpuBytes(used)} used (total not reported)`;
  return 'memory not reported';
}
