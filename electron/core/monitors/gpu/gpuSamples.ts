import { gpuMemoryPercent } from '../../../../shared/format/gpuMemory';
import type { GpuDevice, GpuProcess } from '../../../../shared/types/gpu';
import type { Sample } from '../collector';
import type { SeriesDoc } from '../monitorModule';

export const GPU_SERIES: readonly SeriesDoc[] = [
  { name: 'gpu.memoryUsedBytes:<index>', unit: 'bytes', description: 'GPU memory in use' },
  { name: 'gpu.memoryPercent:<index>', unit: '%', description: 'GPU memory in use, share of the total' },
  { name: 'gpu.utilizationPercent:<index>', unit: '%', description: 'GPU busy (nvidia-smi utilization.gpu; Apple "Device Utilization %")' },
  { name: 'gpu.temperatureC:<index>', unit: '°C', description: 'GPU temperature (NVIDIA)' },
  { name: 'gpu.powerW:<index>', unit: 'W', description: 'GPU power draw (NVIDIA)' },
  {
    name: 'gpu.process.memoryBytes:<stack>/<container> | host/<process name>',
    unit: 'bytes',
    description: 'GPU memory held per container (summed over its processes and GPUs), or per host process name',
  },
];

/** One sample per reported figure of each GPU: unknown figures are left out, never written as 0. */
export function deviceSamples(devices: readonly GpuDevice[], ts: number): Sample[] {
  const samples: Sample[] = [];
  const add = (name: string, device: GpuDevice, value: number | null) => {
    if (value !== null && Number.isFinite(value)) samples.push({ series: `gpu.${name}:${device.index}`, ts, value });
  };
  for (const device of devices) {
    add('memoryUsedBytes', device, device.memoryUsedBytes);
    add('memoryPercent', device, gpuMemoryPercent(device.memoryUsedBytes, device.memoryTotalBytes));
    add('utilizationPercent', device, device.utilizationPercent);
    add('temperatureC', device, device.temperatureC);
    add('powerW', device, device.powerW);
  }
  return samples;
}

/** The key a process's memory is kept under: its container (by stack), else the host process name. */
export function processSeriesKey(process: Pick<GpuProcess, 'container' | 'name'>): string {
  const c = process.container;
  if (c) return `${c.stack ?? 'standalone'}/${c.name ?? c.id.slice(0, 12)}`;
  return `host/${process.name}`;
}

/** GPU memory per container (or host process name), summed over its processes and GPUs. */
export function processSamples(processes: readonly GpuProcess[], ts: number): Sample[] {
  const totals = new Map<string, number>();
  for (const p of processes) {
    if (p.memoryBytes === null) continue;
    const key = processSeriesKey(p);
    totals.set(key, (totals.get(key) ?? 0) + p.memoryBytes);
  }
  return [...totals].map(([key, value]) => ({ series: `gpu.process.memoryBytes:${key}`, ts, value }));
}
