/** The dashboard routes that open a container action's plan (the tray, the Stacks page). Zod-free: the renderer uses it. */

export type ContainerVerb = 'restart' | 'stop' | 'start';

export const CONTAINER_ACTION_ROUTE = '#/emergency/container';

/** `#/emergency/container?verb=restart&container=demo-web-1`. */
export function containerActionRoute(verb: ContainerVerb, container: string): string {
  return `${CONTAINER_ACTION_ROUTE}?verb=${verb}&container=${encodeURIComponent(container)}`;
}

/** `#/emergency/container?verb=restart&stack=demo`: the whole stack, in dependency order. */
export function stackRestartRoute(stack: string): string {
  return `${CONTAINER_ACTION_ROUTE}?verb=restart&stack=${encodeURIComponent(stack)}`;
}

/** What a container in this state can be asked to do: restart and stop while it runs, start when it does not. */
export function verbsFor(state: string): ContainerVerb[] {
  if (state === 'running' || state === 'restarting') return ['restart', 'stop'];
  if (state === 'exited' || state === 'created' || state === 'dead') return ['start', 'restart'];
  return [];
}

/** The names the action's contract accepts (see containerRefSchema / stackNameSchema), without zod. */
export const CONTAINER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
export const STACK_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,127}$/;
