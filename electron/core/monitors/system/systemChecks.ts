import type { Settings } from '../../../../shared/config/settingsSchema';
import { formatBytes, formatPercent } from '../../../../shared/format/bytes';
import type { StatusCheck } from '../../../../shared/types/status';
import type { SystemSnapshot } from '../../../../shared/types/system';
import { atLeast, atMost } from '../thresholds';

/** CPU (informational), memory and every disk against the thresholds. Pure. */
export function systemChecks(system: SystemSnapshot, t: Settings['thresholds']): StatusCheck[] {
  const checks: StatusCheck[] = [
    {
      id: 'cpu',
      label: 'CPU',
      severity: 'ok',
      summary: `${formatPercent(system.cpu.percent)} of ${system.cpu.cores} cores, load ${system.load[0].toFixed(2)}`,
    },
    {
      id: 'memory',
      label: 'Memory',
      alert: 'memory.high',
      severity: atLeast(system.memory.percent, t.memoryPercentWarning, t.memoryPercentCritical),
      summary: `${formatBytes(system.memory.availableBytes)} available (${formatPercent(system.memory.percent)} used)`,
    },
  ];
  for (const disk of system.disks) {
    const freePercent = 100 - disk.usedPercent;
    checks.push({
      id: `disk:${disk.mount}`,
      label: `Disk ${disk.mount}`,
      alert: 'disk.free',
      severity: atMost(freePercent, t.diskFreePercentWarning, t.diskFreePercentCritical),
      summary: `${formatBytes(disk.freeBytes)} free (${formatPercent(disk.usedPercent)} used)`,
    });
  }
  return checks;
}
