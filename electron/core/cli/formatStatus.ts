import { formatBytes, formatPercent } from '../../../shared/format/bytes';
import type { StatusSnapshot } from '../../../shared/types/status';

const MARK: Record<string, string> = { ok: 'ok  ', warning: 'WARN', critical: 'CRIT', unknown: '??  ' };

/** The human form of `opsbar status`: one line per check, then the stacks. */
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
  return lines.join('\n') + '\n';
}
