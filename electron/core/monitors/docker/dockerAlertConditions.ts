import type { AlertCondition } from '../../../../shared/types/alerts';
import type { ContainerInfo, DockerSnapshot, Stack } from '../../../../shared/types/docker';

/** Which alert a container that is not fine raises, if any (exited 0 is a finished job: fine). */
function containerProblem(c: ContainerInfo): { kind: string; summary: string } | null {
  if (c.state === 'dead') return { kind: 'container.exited', summary: `${c.name} is dead (Docker could not stop or remove it cleanly)` };
  if (c.state === 'exited' && c.exitCode !== null && c.exitCode !== 0) return { kind: 'container.exited', summary: `${c.name} exited with code ${c.exitCode}` };
  if (c.state === 'restarting') return { kind: 'container.restarting', summary: `${c.name} is restarting` };
  if (c.state === 'running' && c.health === 'unhealthy') return { kind: 'container.unhealthy', summary: `${c.name} is unhealthy (its healthcheck fails)` };
  return null;
}

function stackLabel(stack: Stack): string {
  return stack.kind === 'compose' ? `stack ${stack.name}` : 'standalone';
}

/** One condition per container that is not fine: subject its name, group its stack. */
export function dockerAlertConditions(snapshot: DockerSnapshot): AlertCondition[] {
  if (!snapshot.available) return [];
  const out: AlertCondition[] = [];
  for (const stack of snapshot.stacks) {
    for (const c of stack.containers) {
      const problem = containerProblem(c);
      if (!problem) continue;
      out.push({
        kind: problem.kind,
        subject: c.name,
        module: 'docker',
        label: `${c.name} (${stackLabel(stack)})`,
        summary: problem.summary,
        severity: 'critical',
        group: `stack:${stack.name}`,
      });
    }
  }
  return out;
}
