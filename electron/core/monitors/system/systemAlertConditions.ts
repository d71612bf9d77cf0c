import type { Settings } from '../../../../shared/config/settingsSchema';
import type { AlertCondition, AlertMeasure, AlertSeverity } from '../../../../shared/types/alerts';
import type { StatusCheck } from '../../../../shared/types/status';
import type { SystemSnapshot } from '../../../../shared/types/system';

/** The plain severity of a reading against its thresholds (no margin). */
export function measuredSeverity(m: AlertMeasure): AlertSeverity | null {
  const worse = (threshold: number | undefined) => threshold !== undefined && (m.direction === 'above' ? m.value >= threshold : m.value <= threshold);
  if (worse(m.emergency)) return 'emergency';
  if (worse(m.critical)) return 'critical';
  if (worse(m.warning)) return 'warning';
  return null;
}

/**
 * Memory and every disk with their readings, also when fine (severity null), so a firing alert
 * can wait for its margin. A disk under `diskFreePercentEmergency` free is an emergency.
 */
export function systemAlertConditions(system: SystemSnapshot | null, checks: readonly StatusCheck[], settings: Settings): AlertCondition[] {
  if (!system) return [];
  const t = settings.thresholds;
  const summaryOf = (id: string) => checks.find((c) => c.id === id);
  const out: AlertCondition[] = [];
  const memory: AlertMeasure = { value: system.memory.percent, direction: 'above', warning: t.memoryPercentWarning, critical: t.memoryPercentCritical, unit: '%' };
  // CPU is informational in the status; busy for the rule's `for` (2 minutes) it is a warning.
  const cpu: AlertMeasure = { value: system.cpu.percent, direction: 'above', warning: t.cpuPercentWarning, unit: '%' };
  out.push({ kind: 'cpu.high', subject: 'cpu', module: 'system', label: 'CPU', summary: summaryOf('cpu')?.summary ?? '', severity: measuredSeverity(cpu), group: null, measure: cpu });
  const memoryCheck = summaryOf('memory');
  out.push({ kind: 'memory.high', subject: 'memory', module: 'system', label: 'Memory', summary: memoryCheck?.summary ?? '', severity: measuredSeverity(memory), group: null, measure: memory });
  for (const disk of system.disks) {
    const id = `disk:${disk.mount}`;
    const measure: AlertMeasure = {
      value: 100 - disk.usedPercent,
      direction: 'below',
      warning: t.diskFreePercentWarning,
      critical: t.diskFreePercentCritical,
      emergency: t.diskFreePercentEmergency,
      unit: '%',
    };
    out.push({ kind: 'disk.free', subject: id, module: 'system', label: `Disk ${disk.mount}`, summary: summaryOf(id)?.summary ?? '', severity: measuredSeverity(measure), group: id, measure });
  }
  return out;
}
