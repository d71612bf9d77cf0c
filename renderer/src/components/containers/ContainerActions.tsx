/** @jsxRuntime automatic */
import { CONTAINER_NAME_PATTERN, containerActionRoute, verbsFor, type ContainerVerb } from '../../../../shared/actions/containerRoutes';
import type { ContainerInfo } from '../../../../shared/types/docker';

const LABEL: Record<ContainerVerb, string> = { restart: 'Restart', stop: 'Stop', start: 'Start' };

/**
 * Restart / Stop (while it runs) or Start (when it does not) for one container. Each is a link
 * to the action's plan: nothing runs from here; the plan is shown and confirmed there.
 */
export function ContainerActions({ container }: { container: Pick<ContainerInfo, 'name' | 'state'> }) {
  if (!CONTAINER_NAME_PATTERN.test(container.name)) return null;
  const running = container.state === 'running' || container.state === 'restarting';
  // A stopped container's restart is its start: offered once.
  const verbs = verbsFor(container.state).filter((v) => running || v !== 'restart');
  if (verbs.length === 0) return null;
  return (
    <span className="container-actions">
      {verbs.map((verb) => (
        <a key={verb} className={`container-action container-action-${verb}`} href={containerActionRoute(verb, container.name)} aria-label={`${LABEL[verb]} ${container.name}…`}>
          {LABEL[verb]}…
        </a>
      ))}
    </span>
  );
}
