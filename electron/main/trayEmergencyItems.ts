import { emergencyRoute } from '../../shared/actions/actionLinks';
import { stackNameSchema } from '../../shared/api/contract/actions';
import { severityRank } from '../../shared/types/severity';
import type { StatusSnapshot } from '../../shared/types/status';
import type { TrayMenuItem } from './trayMenu';

/** "Roll back <stack>…" items in the submenu; the rest are "…and N more" (the dashboard lists them all). */
export const MAX_TRAY_STACKS = 10;

/** The index of the emergency page: the three actions and every stack. */
export const EMERGENCY_ROUTE = '#/emergency';

/**
 * Compose stacks a rollback can name, worst first (the one in trouble is the likely one), then
 * by name. A project name the API would refuse is left out rather than offered and refused.
 */
export function rollbackStacks(status: StatusSnapshot | null | undefined): string[] {
  const stacks = Array.isArray(status?.docker?.stacks) ? status.docker.stacks : [];
  return stacks
    .filter((stack) => stack.kind === 'compose' && stackNameSchema.safeParse(stack.name).success)
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.name.localeCompare(b.name))
    .map((stack) => stack.name);
}

/**
 * The tray's "Emergency" submenu: free disk space, relieve GPU memory, and a rollback per compose
 * stack, each opening its plan in the dashboard (nothing runs from the tray: the plan is shown and
 * confirmed there).
 */
export function emergencyMenu(status: StatusSnapshot | null | undefined, open: (route: string) => void): TrayMenuItem {
  const submenu: TrayMenuItem[] = [
    { type: 'normal', label: 'Free disk space…', enabled: true, click: () => open(emergencyRoute('disk')) },
    { type: 'normal', label: 'Relieve GPU memory…', enabled: true, click: () => open(emergencyRoute('gpu')) },
  ];
  const stacks = rollbackStacks(status);
  if (stacks.length > 0) submenu.push({ type: 'separator' });
  for (const stack of stacks.slice(0, MAX_TRAY_STACKS)) {
    submenu.push({ type: 'normal', label: `Roll back ${stack}…`, enabled: true, click: () => open(emergencyRoute('rollback', stack)) });
  }
  if (stacks.length > MAX_TRAY_STACKS) {
    submenu.push({ type: 'normal', label: `…and ${stacks.length - MAX_TRAY_STACKS} more stacks (see dashboard)`, enabled: true, click: () => open(EMERGENCY_ROUTE) });
  }
  return { type: 'submenu', label: 'Emergency', enabled: true, submenu };
}
