import type { ActionName } from '../types/actions';

/** The emergency action an alert links to, with what to plan it for. */
export interface ActionLink {
  action: ActionName;
  /** "Free disk space…", "Relieve GPU memory…", "Roll back demo…". */
  label: string;
  /** Rollback: the stack; otherwise null. */
  stack: string | null;
}

/**
 * Which emergency action relieves an alert: a disk running full → free disk space; GPU memory
 * → relieve GPU memory; a container of a compose stack that dies, loops or is unhealthy → roll
 * that stack back. `group` is the alert's group (`stack:<name>`). Zod-free: the renderer uses it.
 */
export function actionForAlert(kind: string, group: string | null): ActionLink | null {
  if (kind === 'disk.free') return { action: 'disk', label: 'Free disk space…', stack: null };
  if (kind === 'gpu.memory') return { action: 'gpu', label: 'Relieve GPU memory…', stack: null };
  const stack = group?.startsWith('stack:') ? group.slice('stack:'.length) : null;
  if (stack && /^container\.(exited|oom|restart_loop|unhealthy|restarting)$/.test(kind)) return { action: 'rollback', label: `Roll back ${stack}…`, stack };
  return null;
}

/** The dashboard route that opens an action's plan view (the tray and notifications open it). */
export function emergencyRoute(action: ActionName, stack?: string | null): string {
  return stack ? `#/emergency/${action}?stack=${encodeURIComponent(stack)}` : `#/emergency/${action}`;
}
