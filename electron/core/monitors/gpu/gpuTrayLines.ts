import { formatGpuMemory } from '../../../../shared/format/gpuMemory';
import { worstSeverity } from '../../../../shared/types/severity';
import type { GpuSnapshot } from '../../../../shared/types/gpu';
import type { Assessment, TrayLine } from '../monitorModule';
import { deviceLabel } from './gpuChecks';

/** "GPU 0 · 21.3 of 24.0 GB (89%)" per GPU (with the temperature when it is a warning), or why there are none. */
export function gpuTrayLines({ snapshot, checks }: Assessment<GpuSnapshot>): TrayLine[] {
  if (snapshot.state === 'unknown') return checks.map((c) => ({ label: `GPU — ${c.summary}`, severity: c.severity }));
  if (snapshot.state !== 'ok') return [];
  return snapshot.devices.map((device) => {
    const own = checks.filter((c) => c.id.startsWith(`gpu:${device.index}:`));
    const hot = own.find((c) => c.alert === 'gpu.temperature' && c.severity !== 'ok');
    const label = `${deviceLabel(device)} · ${formatGpuMemory(device.memoryUsedBytes, device.memoryTotalBytes)}${hot ? ` · ${hot.summary}` : ''}`;
    return { label, severity: worstSeverity(own.map((c) => c.severity)) };
  });
}
