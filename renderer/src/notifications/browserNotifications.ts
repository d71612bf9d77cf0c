import type { NotificationMessage } from '../../../shared/types/notifications';

/** The browser's Notification API, read when needed (absent in some browsers and in tests until a fake is set). */
function api(): typeof Notification | null {
  const candidate = (globalThis as { Notification?: typeof Notification }).Notification;
  return typeof candidate === 'function' ? candidate : null;
}

export type BrowserPermission = NotificationPermission | 'unsupported';

export function browserPermission(): BrowserPermission {
  return api()?.permission ?? 'unsupported';
}

/** Asks for permission: only ever from a click (browsers ignore, and users resent, an unasked prompt). */
export async function requestBrowserPermission(): Promise<BrowserPermission> {
  const Api = api();
  if (!Api) return 'unsupported';
  return Api.requestPermission();
}

/**
 * Shows one of the core's notifications with the browser's API (headless mode's desktop channel
 * while the dashboard is open); a click focuses the window and opens its incident. Tagged with the
 * notification's id, so the same one shown twice (two tabs, a replay) replaces itself.
 */
export function showBrowserNotification(message: NotificationMessage, open: (route: string) => void): boolean {
  const Api = api();
  if (!Api || Api.permission !== 'granted') return false;
  const shown = new Api(message.title, { body: message.body, tag: message.id });
  shown.onclick = () => {
    window.focus();
    open(message.incidentId !== null ? `incidents/${message.incidentId}` : 'incidents');
    shown.close();
  };
  return true;
}
