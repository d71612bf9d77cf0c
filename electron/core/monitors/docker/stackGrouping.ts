import type { ContainerInfo, Stack } from '../../../../shared/types/docker';

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

function stackKey(project: string | null): string {
  // A compose project may itself be called "standalone": keep the two apart.
  return project === null ? 'standalone:' : `compose:${project}`;
}

/**
 * Containers → stacks by compose project (the rest in one "standalone" stack), by name. Severity
 * is left `unknown`: the Docker module's checks judge it (dockerChecks.ts), so a changed threshold
 * applies at the next evaluation without a new collection.
 */
export function groupContainers(containers: ContainerFacts[]): Stack[] {
  const stacks = new Map<string, Stack>();
  for (const facts of containers) {
    const { project, ...info } = facts;
    const container: ContainerInfo = { ...info, severity: 'unknown' };
    const key = stackKey(project);
    let stack = stacks.get(key);
    if (!stack) {
      stack = {
        name: project ?? STANDALONE_STACK,
        kind: project === null ? 'standalone' : 'compose',
        containers: [],
        severity: 'unknown',
        counts: { total: 0, running: 0, healthy: 0, unhealthy: 0 },
      };
      stacks.set(key, stack);
    }
    stack.containers.push(container);
  }
  for (const stack of stacks.values()) {
    stack.containers.sort((a, b) => compareText(a.service ?? '', b.service ?? '') || compareText(a.name, b.name));
    stack.counts = {
      total: stack.containers.length,
      running: stack.containers.filter((c) => c.state === 'running').length,
      healthy: stack.containers.filter((c) => c.health === 'healthy').length,
      unhealthy: stack.containers.filter((c) => c.health === 'unhealthy').length,
    };
  }
  return [...stacks.values()].sort((a, b) => compareText(a.name, b.name) || compareText(a.kind, b.kind));
}

// Plain code-unit order: deterministic whatever the locale.
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
