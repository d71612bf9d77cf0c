/** @jsxRuntime automatic */
import { useState } from 'react';
import { useTransport } from '../../hooks/opsbarContext';
import { browserPermission, requestBrowserPermission, type BrowserPermission } from '../../notifications/browserNotifications';

/** "Enable browser notifications": asks the browser only when clicked; says where things stand otherwise. Headless (HTTP) only. */
export function BrowserNotificationsButton() {
  const transport = useTransport();
  const [permission, setPermission] = useState<BrowserPermission>(() => browserPermission());
  if (transport.kind !== 'http') return null;
  if (permission === 'unsupported') return <p className="muted">This browser cannot show notifications.</p>;
  if (permission === 'granted') return <p className="muted">Browser notifications are on while this page is open.</p>;
  if (permission === 'denied') return <p className="muted">Browser notifications are blocked for this page: allow them in the browser&apos;s site settings.</p>;
  return (
    <button type="button" onClick={() => void requestBrowserPermission().then(setPermission, () => setPermission(browserPermission()))}>
      Enable browser notifications
    </button>
  );
}
