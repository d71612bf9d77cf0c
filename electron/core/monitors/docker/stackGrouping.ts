import type { ContainerHealth, ContainerInfo, ContainerState, Stack } from '../../../../shared/types/docker';
import { severityRank, worstSeverity, type Severity } from '../../../../shared/types/severity';

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
export const STANDALONE_STACK = 'standalone';

/** What grouping needs to know of a container: its info (without severity) and compose project. */
export type ContainerFacts = Omit<ContainerInfo, 'severity'> & { project: string | null };

/** The compose project and service labels, verbatim (untrusted text; escaping is the UI's job). */
export function composeLabels(labels: Record<string, string> | null | undefined): { project: string | null; service: string | null } {
  const project = labels?.[COMPOSE_PROJECT_LABEL];
  const service = labels?.[COMPOSE_SERVICE_LABEL];
  return {
    project: typeof project === 'string' && project !== '' ? project : null,
    service: typeof service === 'string' && service !== '' ? service : null,
  };
}

function atLeast(a: Severity, b: Severity): Severity {
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
  if (c.restartCount >= restartCountWarning) severity = atLeast(severity, 'warning');
  return severity;
}

function stackKey(project: string | null): string {
  // A compose project may itself be called "standalone": keep the two apart.
  return project === null ? 'standalone:' : `compose:${project}`;
}

/** Containers → stacks by compose project (the rest in one "standalone" stack), worst first, then by name. */
export function groupIntoStacks(containers: ContainerFacts[], restartCountWarning: number): Stack[] {
  const stacks = new Map<string, Stack>();
  for (const facts of containers) {
    const { project, ...info } = facts;
    const container: ContainerInfo = { ...info, severity: containerSeverity(info, restartCountWarning) };
    const key = stackKey(project);
    let stack = stacks.get(key);
    if (!stack) {
      stack = {
        name: project ?? STANDALONE_STACK,
        kind: project === null ? 'standalone' : 'compose',
        containers: [],
        severity: 'ok',
        counts: { total: 0, running: 0, healthy: 0, unhealthy: 0 },
      };
      stacks.set(key, stack);
    }
    stack.containers.push(container);
  }
  for (const stack of stacks.values()) {
    stack.containers.sort((a, b) => compareText(a.service ?? '', b.service ?? '') || compareText(a.name, b.name));
    stack.severity = worstSeverity(stack.containers.map((c) => c.severity));
    stack.counts = {
      total: stack.containers.length,
      running: stack.containers.filter((c) => c.state === 'running').length,
      healthy: stack.containers.filter((c) => c.health === 'healthy').length,
      unhealthy: stack.containers.filter((c) => c.health === 'unhealthy').length,
    };
  }
  return [...stacks.values()].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      compareText(a.name, b.name) ||
      compareText(a.kind, b.kind),
  );
}

// Plain code-unit order: deterministic whatever the locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
