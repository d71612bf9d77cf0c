import type { TrayMenuItem } from './trayMenu';

// FOUNDATION STUB — the packaging helper replaces this file.
/** "Start at login" as a checkbox item. */
export function startAtLoginItem(state: { enabled: boolean; toggle(): void }): TrayMenuItem {
  return { type: 'checkbox', label: 'Start at login', enabled: true, checked: state.enabled, click: () => state.toggle() };
}
