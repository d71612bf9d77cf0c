import { CONTAINER_NAME_PATTERN, STACK_NAME_PATTERN, containerActionRoute, stackRestartRoute, verbsFor, type ContainerVerb } from '../../shared/actions/containerRoutes';
import type { ContainerInfo, Stack } from '../../shared/types/docker';
import { severityRank } from '../../shared/types/severity';
import type { StatusSnapshot } from '../../shared/types/status';
import type { TrayMenuItem } from './trayMenu';

/** Stacks shown in the submenu, worst first; the rest are "…and N more" (the Stacks page lists them all). */
export const MAX_TRAY_CONTAINER_STACKS = 10;
/** Containers per stack submenu. */
export const MAX_TRAY_CONTAINERS = 15;
export const STACKS_ROUTE = '#/stacks';

const VERB_LABEL: Record<ContainerVerb, string> = { restart: 'Restart', stop: 'Stop', start: 'Start' };
const byWorst = <T extends { severity: Stack['severity']; name: string }>(a: T, b: T) => severityRank(b.severity) - severityRank(a.severity) || a.name.localeCompare(b.name);

/** What the tray offers for one container: "Restart web…" and "Stop web…" while it runs, "Start web…" when it does not. */
function containerItems(c: ContainerInfo, open: (route: string) => void): TrayMenuItem[] {
  // Restart of a stopped container is its start: offered once, as "Start".
  const verbs = verbsFor(c.state).filter((v) => !(v === 'restart' && c.state !== 'running' && c.state !== 'restarting'));
  return verbs.map((verb) => ({ type: 'normal', label: `${VERB_LABEL[verb]} ${c.name}…`, enabled: true, click: () => open(containerActionRoute(verb, c.name)) }));
}

function stackMenu(stack: Stack, open: (route: string) => void): TrayMenuItem {
  const containers = stack.containers.filter((c) => CONTAINER_NAME_PATTERN.test(c.name)).sort(byWorst);
  const submenu: TrayMenuItem[] = [];
  if (stack.kind === 'compose') submenu.push({ type: 'normal', label: `Restart stack ${stack.name}…`, enabled: true, click: () => open(stackRestartRoute(stack.name)) }, { type: 'separator' });
  for (const c of containers.slice(0, MAX_TRAY_CONTAINERS)) submenu.push(...containerItems(c, open));
  if (containers.length > MAX_TRAY_CONTAINERS) {
    submenu.push({ type: 'normal', label: `…and ${containers.length - MAX_TRAY_CONTAINERS} more containers (see dashboard)`, enabled: true, click: () => open(STACKS_ROUTE) });
  }
  return { type: 'submenu', label: stack.kind === 'compose' ? stack.name : 'Standalone containers', enabled: true, submenu };
}

/**
 * The tray's "Containers" submenu: per compose stack (worst first) a submenu to restart the stack
 * or restart, stop or start one of its containers; standalone containers last. Each item opens
 * its plan in the dashboard (nothing runs from the tray: the plan is confirmed there). Names the
 * action's contract would refuse are left out rather than offered and refused. Null without containers.
 */
export function containerMenu(status: StatusSnapshot | null | undefined, open: (route: string) => void): TrayMenuItem | null {
  const stacks = Array.isArray(status?.docker?.stacks) ? status.docker.stacks : [];
  const compose = stacks.filter((s) => s.kind === 'compose' && STACK_NAME_PATTERN.test(s.name) && s.containers.length > 0).sort(byWorst);
  const standalone = stacks.filter((s) => s.kind === 'standalone' && s.containers.some((c) => CONTAINER_NAME_PATTERN.test(c.name)));
  if (compose.length === 0 && standalone.length === 0) return null;
  const submenu = compose.slice(0, MAX_TRAY_CONTAINER_STACKS).map((s) => stackMenu(s, open));
  if (compose.length > MAX_TRAY_CONTAINER_STACKS) {
    submenu.push({ type: 'normal', label: `…and ${compose.length - MAX_TRAY_CONTAINER_STACKS} more stacks (see dashboard)`, enabled: true, click: () => open(STACKS_ROUTE) });
  }
  if (standalone.length) {
    if (submenu.length) submenu.push({ type: 'separator' });
    submenu.push(...standalone.map((s) => stackMenu(s, open)));
  }
  return { type: 'submenu', label: 'Containers', enabled: true, submenu };
}
