import type { Logger } from '../core/logger';
import type { OpsbarCore } from '../core/opsbarCore';
import type { TrayMenuItem } from './trayMenu';

/** "Start at login" as a checkbox item: checked when the setting is on. */
export function startAtLoginItem(state: { enabled: boolean; toggle(): void }): TrayMenuItem {
  return { type: 'checkbox', label: 'Start at login', enabled: true, checked: state.enabled, click: () => state.toggle() };
}

export interface LoginToggleDeps {
  core: Pick<OpsbarCore, 'dispatch'>;
  /** The setting now (startAtLogin.ts's wanted). */
  enabled(): boolean;
  log: Logger;
  /** After the setting was written: make the OS agree now (startAtLogin.ts's apply). */
  onChanged(): void;
}

/**
 * The tray's state for the checkbox: the setting, and a toggle that flips it through the API
 * (validated, audited, written to the config file like any settings change), then applies it.
 */
export function startAtLoginToggle(deps: LoginToggleDeps): { enabled(): boolean; toggle(): Promise<void> } {
  const enabled = () => deps.enabled();
  return {
    enabled,
    async toggle() {
      const startAtLogin = !enabled();
      try {
        const answer = await deps.core.dispatch('settings.update', { app: { startAtLogin } }, { caller: 'app' });
        if (!answer.ok) {
          deps.log.warn(`Start at login was not changed: ${answer.error.message}`);
          return;
        }
        deps.onChanged();
      } catch (error) {
        deps.log.warn(`Start at login was not changed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
