import { formatBytes, formatPercent } from '../../../../shared/format/bytes';
import type { DockerSnapshot } from '../../../../shared/types/docker';

const MARK: Record<string, string> = { ok: 'ok  ', warning: 'WARN', critical: 'CRIT', unknown: '??  ' };

/** `opsbar status`'s stacks: one line per stack, one per container (names quoted: they are untrusted). */
export function dockerText(docker: DockerSnapshot, purpose: 'status' | 'alone'): string | null {
  if (!docker.available) return purpose === 'alone' ? `Docker: not available — ${docker.error ?? 'no answer'}` : null;
  if (docker.stacks.length === 0) return purpose === 'alone' ? 'Docker: no containers' : null;
  const lines = ['Stacks:'];
  for (const stack of docker.stacks) {
    lines.push(`  [${MARK[stack.severity]}] ${JSON.stringify(stack.name)} — ${stack.counts.running}/${stack.counts.total} running, ${stack.counts.unhealthy} unhealthy`);
    for (const c of stack.containers) {
      const usage = c.cpuPercent !== null ? `  cpu ${formatPercent(c.cpuPercent)}` : '';
      const memory = c.memoryBytes !== null ? `  mem ${formatBytes(c.memoryBytes)}` : '';
      const exit = c.state === 'exited' && c.exitCode !== null ? ` (exit ${c.exitCode})` : '';
      lines.push(`      ${JSON.stringify(c.name)}: ${c.state}${exit}, health ${c.health}, restarts ${c.restartCount}${usage}${memory}`);
    }
  }
  return lines.join('\n');
}
