import type { GpuDevice } from '../../../../shared/types/gpu';
import { formatGpuBytes, gpuMemoryPercent } from '../../../../shared/format/gpuMemory';
import { formatPercent } from '../../format';

/** What a figure the GPU tool did not give reads as: never 0, never blank. */
export const NOT_REPORTED = 'not reported';

export function formatOrNotReported<T>(value: T | null | undefined, format: (value: T) => string): string {
  return value == null ? NOT_REPORTED : format(value);
}

export const formatTemperature = (celsius: number) => `${Math.round(celsius)} °C`;
export const formatWatts = (watts: number) => `${watts >= 100 ? Math.round(watts) : Number(watts.toFixed(1))} W`;

/** The line under the power figure: "of 700 W limit", or why there is none. */
export function describePowerLimit(device: GpuDevice): string {
  if (device.powerW == null) return NOT_REPORTED;
  return device.powerLimitW == null ? `limit ${NOT_REPORTED}` : `of ${formatWatts(device.powerLimitW)} limit`;
}

/** Used memory as a share of total, null unless both are known (and the total is not 0). */
export function memoryPercent(device: GpuDevice): number | null {
  return gpuMemoryPercent(device.memoryUsedBytes, device.memoryTotalBytes);
}

/** GPU memory in the card's own units (binary GB, as nvidia-smi's MiB and "24 GB" cards count): the same figures as the tray and the CLI. */
export const formatGpuMemory = (bytes: number) => formatGpuBytes(bytes);

/**
 * Memory in words: "41.2 GB of 80.0 GB (52%)"; on Apple's unified memory the total is the
 * ceiling the GPU may wire, so it says "of 128 GB the GPU may use".
 */
export function describeMemory(device: GpuDevice): string {
  const { memoryUsedBytes: used, memoryTotalBytes: total } = device;
  const ofTotal = total == null ? null : device.vendor === 'apple' ? `of ${formatGpuMemory(total)} the GPU may use` : `of ${formatGpuMemory(total)}`;
  if (used == null) return ofTotal ? `${NOT_REPORTED} (${ofTotal})` : NOT_REPORTED;
  if (ofTotal == null) return `${formatGpuMemory(used)} used (total ${NOT_REPORTED})`;
  return `${formatGpuMemory(used)} ${ofTotal} (${formatPercent(memoryPercent(device))})`;
}

export function memoryLabel(device: GpuDevice): string {
  return device.memoryKind === 'unified' ? 'Unified memory' : 'Memory';
}
