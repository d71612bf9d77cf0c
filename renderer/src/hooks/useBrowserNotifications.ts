import { useClient, useTransport } from './opsbarContext';
import { useLiveMessages } from './useLiveMessages';
import { showBrowserNotification } from '../notifications/browserNotifications';

/**
 * Headless mode's desktop channel: over HTTP, each live `notification` is shown with the browser's
 * Notification API when `notifications.desktop` is on and permission was granted. In the Electron
 * app the shell shows its own, so nothing is shown here (it would be shown twice).
 */
export function useBrowserNotifications(navigate: (route: string) => void): void {
  const transport = useTransport();
  const client = useClient();
  useLiveMessages((message) => {
    if (transport.kind !== 'http' || message.type !== 'notification') return;
    const { notification } = message;
    // Read the setting as it is now (it may have changed since the page opened); notifications are rare.
    client.call('settings.get', {}).then(
      (view) => {
        if (view.settings.notifications.desktop) showBrowserNotification(notification, navigate);
      },
      () => {},
    );
  });
}
