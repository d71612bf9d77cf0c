import { formatBytes, formatPercent } from '../../../shared/format/bytes';
import { formatGpuBytes, formatGpuMemory } from '../../../shared/format/gpuMemory';
import type { GpuSnapshot } from '../../../shared/types/gpu';
import type { StatusSnapshot } from '../../../shared/types/status';

const MARK: Record<string, string> = { ok: 'ok  ', warning: 'WARN', critical: 'CRIT', unknown: '??  ' };

const reported = (value: number | null, unit: string) => (value === null ? 'not reported' : `${Math.round(value)}${unit}`);

/** `opsbar gpu`: one line per GPU, then the processes by memory (names quoted: they are untrusted). */
export function formatGpuText(gpu: GpuSnapshot): string {
  if (gpu.state !== 'ok') return `GPU: ${gpu.state} — ${gpu.error ?? 'no reading'}\n`;
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
  return lines.join('\n') + '\n';
}

/** The human form of `opsbar status`: one line per check, then the stacks and GPUs. */
export function formatStatusText(status: StatusSnapshot): string {
  const lines = [`Opsbar status: ${status.overall.toUpperCase()}${status.system ? ` — ${status.system.hostname}` : ''}`, ''];
  for (const check of status.checks) lines.push(`  [${MARK[check.severity]}] ${check.label.padEnd(22)} ${check.summary}`);
  if (status.docker.available && status.docker.stacks.length > 0) {
    lines.push('', 'Stacks:');
    for (const stack of status.docker.stacks) {
      lines.push(`  [${MARK[stack.severity]}] ${JSON.stringify(stack.name)} — ${stack.counts.running}/${stack.counts.total} running, ${stack.counts.unhealthy} unhealthy`);
      for (const c of stack.containers) {
        const usage = c.cpuPercent !== null ? `  cpu ${formatPercent(c.cpuPercent)}` : '';
        const memory = c.memoryBytes !== null ? `  mem ${formatBytes(c.memoryBytes)}` : '';
        const exit = c.state === 'exited' && c.exitCode !== null ? ` (exit ${c.exitCode})` : '';
        lines.push(`      ${JSON.stringify(c.name)}: ${c.state}${exit}, health ${c.health}, restarts ${c.restartCount}${usage}${memory}`);
      }
    }
  }
  if (status.gpu.state === 'ok') lines.push('', formatGpuText(status.gpu).trimEnd());
  return lines.join('\n') + '\n';
}
