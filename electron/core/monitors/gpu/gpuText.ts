import { formatGpuBytes, formatGpuMemory } from '../../../../shared/format/gpuMemory';
import type { GpuSnapshot } from '../../../../shared/types/gpu';

const reported = (value: number | null, unit: string) => (value === null ? 'not reported' : `${Math.round(value)}${unit}`);

/** `opsbar gpu` (and the GPU part of `opsbar status`): one line per GPU, then the processes by memory. */
export function gpuText(gpu: GpuSnapshot): string {
  if (gpu.state !== 'ok') return `GPU: ${gpu.state} — ${gpu.error ?? 'no reading'}`;
  const lines = [`GPUs (${gpu.source}${gpu.driverVersion ? `, driver ${gpu.driverVersion}` : ''}):`];
  for (const d of gpu.devices) {
    const power = d.powerW === null ? 'power not reported' : `${Math.round(d.powerW)} W${d.powerLimitW !== null ? ` of ${Math.round(d.powerLimitW)} W` : ''}`;
    lines.push(`  GPU ${d.index} ${JSON.stringify(d.name)}: ${formatGpuMemory(d.memoryUsedBytes, d.memoryTotalBytes)}, util ${reported(d.utilizationPercent, '%')}, ${reported(d.temperatureC, ' °C')}, ${power}`);
  }
  if (gpu.processesNote) lines.push(`  ${gpu.processesNote}`);
  if (gpu.processes.length > 0) {
    lines.push('', 'Processes:');
    for (const p of gpu.processes) {
      const where = p.container ? `container ${JSON.stringify(p.container.name ?? p.container.id.slice(0, 12))}${p.container.stack ? ` (stack ${JSON.stringify(p.container.stack)})` : ''}` : 'host';
      lines.push(`  ${String(p.pid).padStart(7)}  GPU ${p.gpuIndex ?? '?'}  ${formatGpuBytes(p.memoryBytes).padStart(9)}  ${JSON.stringify(p.name)}  ${where}${p.user ? `  user ${p.user}` : ''}`);
    }
  }
  return lines.join('\n');
}
