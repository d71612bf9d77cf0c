/** @jsxRuntime automatic */
import { CONTAINER_NAME_PATTERN, STACK_NAME_PATTERN, type ContainerVerb } from '../../../../shared/actions/containerRoutes';
import { Panel } from '../StateViews';
import { ActionPlanPanel } from './ActionPlanPanel';

const VERBS: readonly ContainerVerb[] = ['restart', 'stop', 'start'];

/** The query of `#/emergency/container?verb=restart&container=NAME` (or `&stack=NAME`), checked; a string says what is wrong. */
export function containerRequestOf(query: URLSearchParams): { verb: ContainerVerb; container?: string; stack?: string } | string {
  const verb = query.get('verb') ?? 'restart';
  const container = query.get('container');
  const stack = query.get('stack');
  if (!(VERBS as readonly string[]).includes(verb)) return `“${verb}” is not a container action: restart, stop or start.`;
  if ((container === null) === (stack === null)) return 'Name either a container or a stack: open this from the Stacks page.';
  if (container !== null) {
    if (!CONTAINER_NAME_PATTERN.test(container)) return `“${container}” is not a container name.`;
    return { verb: verb as ContainerVerb, container };
  }
  if (!STACK_NAME_PATTERN.test(stack as string)) return `“${stack}” is not a compose project name.`;
  if (verb !== 'restart') return 'A whole stack can only be restarted: stop or start its containers one by one.';
  return { verb: 'restart', stack: stack as string };
}

/** The plan of a container action (from a container's row, a stack's header, or the tray), confirmed here. */
export function ContainerPlanRoute({ query }: { query: URLSearchParams }) {
  const request = containerRequestOf(query);
  if (typeof request === 'string') {
    return (
      <Panel title="Restart, stop or start">
        <p className="state state-error" role="alert">
          {request} Choose a container on <a href="#/stacks">the Stacks page</a>.
        </p>
      </Panel>
    );
  }
  return (
    <div className="emergency-columns">
      <Panel title="Plan">
        <p className="container-plan-target muted">
          Back to <a href="#/stacks">the Stacks page</a>.
        </p>
        <ActionPlanPanel key={`${request.verb}:${request.container ?? ''}:${request.stack ?? ''}`} request={{ action: 'container', params: request }} />
      </Panel>
    </div>
  );
}
