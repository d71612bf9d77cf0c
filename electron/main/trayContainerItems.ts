import type { StatusSnapshot } from '../../shared/types/status';
import type { TrayMenuItem } from './trayMenu';

// FOUNDATION STUB — the container-actions helper replaces this file.
/** The tray's "Containers" submenu: restart a stack or a container, each opening its plan in the dashboard. */
export function containerMenu(_status: StatusSnapshot | null | undefined, _open: (route: string) => void): TrayMenuItem | null {
  return null;
}
