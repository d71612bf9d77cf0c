import type { NotificationMessage } from '../../shared/types/notifications';
import type { Logger } from '../core/logger';
import type { DesktopNotifier } from '../core/notifications/notificationSystem';
import { incidentRoute } from './dashboardRoutes';

/** The slice of Electron's Notification used here. */
export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface DesktopNotificationDeps {
  /** `core.notifications`: the policy lives in the core; the shell only shows. */
  notifications: { setDesktop(notifier: DesktopNotifier | null): void };
  /** `(options) => new Notification(options)`. */
  createNotification(options: { title: string; body: string }): NotificationLike;
  /** `Notification.isSupported()`. */
  isSupported(): boolean;
  /** A click: the message's incident (null: none), for the dashboard to open. */
  onClick(incidentId: number | null): void;
  log?: Pick<Logger, 'info' | 'warn'>;
}

/** The dashboard route a click opens: the incident's page, or the dashboard's start (undefined). */
export function notificationRoute(incidentId: number | null): string | undefined {
  return incidentId === null ? undefined : incidentRoute(incidentId);
}

/** How many shown notifications are held (their click handlers must not be garbage-collected). */
const HELD = 8;

/**
 * Registers the desktop notifier with the core: each message the core decides is shown with
 * Electron's Notification. Returns a disposer that unregisters it.
 */
export function setupNotifications(deps: DesktopNotificationDeps): () => void {
  const held: NotificationLike[] = [];
  const show = (message: NotificationMessage): boolean => {
    if (!deps.isSupported()) {
      deps.log?.info(`${message.title}: ${message.body.replace(/\n/g, '; ')}`);
      return false;
    }
    try {
      const notification = deps.createNotification({ title: message.title, body: message.body });
      notification.on('click', () => deps.onClick(message.incidentId));
      notification.show();
      held.push(notification);
      if (held.length > HELD) held.shift();
      return true;
    } catch (error) {
      deps.log?.warn(`Could not show a notification: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };
  deps.notifications.setDesktop(show);
  return () => {
    deps.notifications.setDesktop(null);
    held.length = 0;
  };
}
