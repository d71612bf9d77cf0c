import type { ContainerHealth, ContainerState, DockerSnapshot, Stack } from '../../../../shared/types/docker';
import { severityRank, worstSeverity, type Severity } from '../../../../shared/types/severity';
import type { StatusCheck } from '../../../../shared/types/status';
import { compareText, groupContainers, type ContainerFacts } from './stackGrouping';

function atLeastSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/**
 * How bad one container is. Exited with code 0 is fine (a one-shot job that finished);
 * a container that keeps restarting is at least a warning even while it happens to be up.
 */
export function containerSeverity(
  c: { state: ContainerState; health: ContainerHealth; exitCode: number | null; restartCount: number },
  restartCountWarning: number,
): Severity {
  let severity: Severity;
  switch (c.state) {
    case 'running':
      severity = c.health === 'unhealthy' ? 'critical' : c.health === 'starting' ? 'warning' : 'ok';
      break;
    case 'restarting':
    case 'dead':
      severity = 'critical';
      break;
    case 'exited':
      severity = c.exitCode === null ? 'unknown' : c.exitCode === 0 ? 'ok' : 'critical';
      break;
    case 'created':
    case 'paused':
    case 'removing':
      severity = 'warning';
      break;
    default:
      severity = 'unknown';
  }
  if (c.restartCount >= restartCountWarning) severity = atLeastSeverity(severity, 'warning');
  return severity;
}

/** Every container's and stack's severity under the current threshold; stacks worst first, then by name. */
export function judgeStacks(stacks: readonly Stack[], restartCountWarning: number): Stack[] {
  const judged = stacks.map((stack) => {
    const containers = stack.containers.map((c) => ({ ...c, severity: containerSeverity(c, restartCountWarning) }));
    return { ...stack, containers, severity: worstSeverity(containers.map((c) => c.severity)) };
  });
  return judged.sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || compareText(a.name, b.name) || compareText(a.kind, b.kind),
  );
}

/** Grouping and judging in one go (tests and callers that start from container facts). */
export function groupIntoStacks(containers: ContainerFacts[], restartCountWarning: number): Stack[] {
  return judgeStacks(groupContainers(containers), restartCountWarning);
}

/** The one Docker line of the status: "11 of 12 running healthy, 1 stopped". */
export function dockerCheck(docker: DockerSnapshot | null): StatusCheck {
  if (!docker) return { id: 'docker', label: 'Docker', severity: 'unknown', summary: 'Not checked yet' };
  if (!docker.available) {
    return { id: 'docker', label: 'Docker', severity: 'unknown', summary: docker.error ?? 'Docker is not available' };
  }
  const containers = docker.stacks.flatMap((s) => s.containers);
  const running = containers.filter((c) => c.state === 'running');
  const good = running.filter((c) => c.severity === 'ok').length;
  const severity = worstSeverity(docker.stacks.map((s) => s.severity));
  const summary =
    containers.length === 0
      ? 'No containers'
      : `${good} of ${running.length} running healthy${containers.length > running.length ? `, ${containers.length - running.length} stopped` : ''}`;
  return { id: 'docker', label: 'Docker', severity, summary, alert: 'container.unhealthy' };
}
