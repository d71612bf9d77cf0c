import type { Settings } from '../../../../shared/config/settingsSchema';
import { gpuMemoryPercent } from '../../../../shared/format/gpuMemory';
import type { AlertCondition, AlertMeasure } from '../../../../shared/types/alerts';
import type { GpuSnapshot } from '../../../../shared/types/gpu';
import type { StatusCheck } from '../../../../shared/types/status';
import { conditionsFromChecks } from '../../alerts/checkConditions';
import { measuredSeverity } from '../system/systemAlertConditions';
import { thresholdsFor } from './gpuChecks';

/**
 * GPU memory with its reading (also when fine, for the margin), group `gpu:<index>`; the other
 * GPU checks (temperature, a GPU tool that does not answer) as checks. GPU memory ≥ 99 % with an
 * OOM event becomes an emergency in the engine, which sees the events.
 */
export function gpuAlertConditions(snapshot: GpuSnapshot, checks: readonly StatusCheck[], settings: Settings): AlertCondition[] {
  const groupOf = (check: StatusCheck) => /^gpu:(\d+):/.exec(check.id)?.[0].slice(0, -1) ?? null;
  const out = conditionsFromChecks('gpu', checks.filter((c) => c.alert !== 'gpu.memory'), groupOf);
  if (snapshot.state !== 'ok') return out;
  for (const device of snapshot.devices) {
    const percent = gpuMemoryPercent(device.memoryUsedBytes, device.memoryTotalBytes);
    if (percent === null) continue;
    const t = thresholdsFor(device, settings.gpu);
    const id = `gpu:${device.index}:memory`;
    const measure: AlertMeasure = { value: percent, direction: 'above', warning: t.memoryPercentWarning, critical: t.memoryPercentCritical, unit: '%' };
    const check = checks.find((c) => c.id === id);
    out.push({
      kind: 'gpu.memory',
      subject: id,
      module: 'gpu',
      label: check?.label ?? `GPU ${device.index} memory`,
      summary: check?.summary ?? `${Math.round(percent)}% used`,
      severity: measuredSeverity(measure),
      group: `gpu:${device.index}`,
      measure,
    });
  }
  return out;
}
