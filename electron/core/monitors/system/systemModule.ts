import type { MonitorModule } from '../monitorModule';
import { systemAlertConditions } from './systemAlertConditions';
import { systemChecks } from './systemChecks';

/** CPU, memory, swap, load and disks: /proc and statfs on Linux, Node's os elsewhere. */
export const systemModule: MonitorModule<'system'> = {
  id: 'system',
  label: 'System',
  enabled: () => true,
  collectionSettings: (settings) => [settings.monitoring.systemIntervalMs, settings.disks],
  async createCollector(settings, deps) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createSystemCollector } = require('./index') as typeof import('./index');
    return createSystemCollector(settings, { clock: deps.clock, log: deps.log });
  },
  assess({ snapshot, error, settings }) {
    if (!snapshot) return { snapshot: null, checks: [{ id: 'system', label: 'System', severity: 'unknown', summary: error ?? 'Not measured yet' }] };
    return { snapshot, checks: systemChecks(snapshot, settings.thresholds) };
  },
  alertConditions: ({ snapshot, checks }, settings) => systemAlertConditions(snapshot, checks, settings),
  // CPU % is the difference of two readings of /proc/stat.
  oneShot: { readings: 2, gapMs: 250 },
  series: [
    { name: 'cpu.percent', unit: '%', description: 'CPU busy, all cores' },
    { name: 'memory.percent', unit: '%', description: 'memory in use (total − available)' },
    { name: 'memory.usedBytes', unit: 'bytes', description: 'memory in use' },
    { name: 'swap.usedBytes', unit: 'bytes', description: 'swap in use' },
    { name: 'load.1m', unit: 'load', description: '1-minute load average' },
    { name: 'disk.usedPercent:<mount>', unit: '%', description: 'used share of the space a normal user can use' },
    { name: 'disk.freeBytes:<mount>', unit: 'bytes', description: 'free space available to a normal user' },
  ],
};
