// "Start at login": the `app.startAtLogin` setting is the truth; this glue makes the OS agree,
// at start and whenever the setting changes (the tray's checkbox, the Settings page, the
// first-run welcome). macOS: a login item (app.setLoginItemSettings). Linux: an XDG autostart
// entry (electron/core/startAtLogin/xdgAutostart.ts). No Electron import: the app is injected.
import type { Logger } from '../core/logger';
import type { OpsbarCore } from '../core/opsbarCore';
import type { XdgAutostart } from '../core/startAtLogin/xdgAutostart';

/** The part of Electron's `app` used here. */
export interface LoginItemApp {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean }): void;
}

/** Where the OS keeps "start me at login". */
export interface LoginItemBackend {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export function macLoginItem(app: LoginItemApp): LoginItemBackend {
  return {
    isEnabled: () => app.getLoginItemSettings().openAtLogin,
    // openAsHidden is honoured by older macOS only; Opsbar opens no window at start anyway.
    setEnabled: (openAtLogin) => app.setLoginItemSettings({ openAtLogin, openAsHidden: true }),
  };
}

export function xdgLoginItem(autostart: Pick<XdgAutostart, 'isEnabled' | 'enable' | 'disable'>): LoginItemBackend {
  return {
    isEnabled: () => autostart.isEnabled(),
    setEnabled: (enabled) => (enabled ? autostart.enable() : autostart.disable()),
  };
}

/** What the autostart entry runs: the AppImage itself (not its temporary mount), the installed binary, or electron + the checkout. */
export function linuxStartCommand(input: { env: NodeJS.ProcessEnv; execPath: string; isPackaged: boolean; appPath: string }): string[] {
  if (input.env.APPIMAGE) return [input.env.APPIMAGE];
  return input.isPackaged ? [input.execPath] : [input.execPath, input.appPath];
}

export interface StartAtLoginDeps {
  /** null where Opsbar cannot start itself at login (no tray item then). */
  backend: LoginItemBackend | null;
  core: Pick<OpsbarCore, 'settings' | 'subscribe'>;
  log: Logger;
}

export interface StartAtLogin {
  readonly supported: boolean;
  /** The setting (what the tray's checkbox shows). */
  wanted(): boolean;
  /** Makes the OS agree with the setting; errors are logged, never thrown. */
  apply(): void;
  dispose(): void;
}

export function setupStartAtLogin(deps: StartAtLoginDeps): StartAtLogin {
  const { backend, core, log } = deps;
  let unreadable = false;
  // A settings object without the section (an older core, a test's fake) reads as "off".
  const wanted = (): boolean => {
    try {
      return core.settings().app?.startAtLogin === true;
    } catch (error) {
      if (!unreadable) log.warn(`Start at login: the settings could not be read: ${error instanceof Error ? error.message : String(error)}`);
      unreadable = true;
      return false;
    }
  };
  let applied: boolean | null = null;
  const apply = () => {
    if (!backend) return;
    const want = wanted();
    try {
      if (backend.isEnabled() !== want) {
        backend.setEnabled(want);
        log.info(`start at login ${want ? 'on' : 'off'}`);
      }
      applied = want;
    } catch (error) {
      // Remembered as not applied: the next change (or start) tries again.
      applied = null;
      log.warn(`Could not turn start at login ${want ? 'on' : 'off'}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  apply();
  // Every settings write publishes a status message; a cheap comparison on each live message
  // catches a change from any caller (the dashboard, the welcome view, the CLI's config edit).
  const unsubscribe = backend ? core.subscribe(() => (wanted() !== applied ? apply() : undefined)) : () => undefined;
  return { supported: backend !== null, wanted, apply, dispose: unsubscribe };
}
