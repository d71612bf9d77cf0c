import type { Settings } from '../../../../shared/config/settingsSchema';
import { formatGpuMemory, gpuMemoryPercent } from '../../../../shared/format/gpuMemory';
import type { GpuDevice, GpuSnapshot } from '../../../../shared/types/gpu';
import type { StatusCheck } from '../../../../shared/types/status';
import { atLeast } from '../thresholds';

type GpuSettings = Settings['gpu'];

/** The thresholds for one GPU: its own (by index, then UUID) over the section's. */
export function thresholdsFor(device: Pick<GpuDevice, 'index' | 'uuid'>, settings: GpuSettings) {
  const own = settings.perGpu[String(device.index)] ?? (device.uuid ? settings.perGpu[device.uuid] : undefined) ?? {};
  return {
    memoryPercentWarning: own.memoryPercentWarning ?? settings.memoryPercentWarning,
    memoryPercentCritical: own.memoryPercentCritical ?? settings.memoryPercentCritical,
    temperatureWarningC: own.temperatureWarningC ?? settings.temperatureWarningC,
  };
}

export function deviceLabel(device: Pick<GpuDevice, 'index'>): string {
  return `GPU ${device.index}`;
}

function deviceChecks(device: GpuDevice, settings: GpuSettings): StatusCheck[] {
  const t = thresholdsFor(device, settings);
  const percent = gpuMemoryPercent(device.memoryUsedBytes, device.memoryTotalBytes);
  const checks: StatusCheck[] = [
    {
      id: `gpu:${device.index}:memory`,
      label: `${deviceLabel(device)} memory`,
      alert: 'gpu.memory',
      severity: percent === null ? 'ok' : atLeast(percent, t.memoryPercentWarning, t.memoryPercentCritical),
      summary: formatGpuMemory(device.memoryUsedBytes, device.memoryTotalBytes),
    },
  ];
  if (device.temperatureC !== null) {
    checks.push({
      id: `gpu:${device.index}:temperature`,
      label: `${deviceLabel(device)} temperature`,
      alert: 'gpu.temperature',
      severity: device.temperatureC >= t.temperatureWarningC ? 'warning' : 'ok',
      summary: `${Math.round(device.temperatureC)} °C`,
    });
  }
  return checks;
}

/**
 * GPU memory % (warning 90, critical 97, settable per GPU), temperature (warning 85 °C) and a
 * GPU tool that does not answer (warning). No GPU on this host is not a problem: no check.
 */
export function gpuChecks(snapshot: GpuSnapshot, settings: GpuSettings): StatusCheck[] {
  if (snapshot.state === 'unknown') {
    return [{ id: 'gpu', label: 'GPU', alert: 'gpu.unavailable', severity: 'warning', summary: snapshot.error ?? 'GPU figures could not be read' }];
  }
  if (snapshot.state !== 'ok') return [];
  return snapshot.devices.flatMap((device) => deviceChecks(device, settings));
}
