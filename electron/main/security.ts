import type { Logger } from '../core/logger';
import { CONTENT_SECURITY_POLICY, isAppUrl } from './appProtocol';

// Electron's emitters have many typed overloads; Node's EventEmitter signature is the one they all share.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

interface PreventableEvent {
  preventDefault(): void;
  url?: string;
  isMainFrame?: boolean;
}

/** The slice of a Session the hardening touches. */
export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: { deviceType?: string }) => boolean): void;
  on(event: string, listener: Listener): unknown;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

/** The slice of a WebContents the guards touch. */
export interface GuardedContents {
  readonly session?: SessionLike;
  on(event: string, listener: Listener): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface SecurityDeps {
  app: { on(event: string, listener: Listener): unknown };
  session: SessionLike;
  log: Pick<Logger, 'warn'>;
}

/** Response headers with the app's CSP added for the app's own pages (other URLs untouched). */
export function withContentSecurityPolicy(url: string, headers: Record<string, string[]> = {}): Record<string, string[]> {
  if (!isAppUrl(url)) return headers;
  const rest = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
  return { ...rest, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

const hardenedSessions = new WeakSet<object>();

/**
 * Device pickers (WebHID, Web Serial, WebUSB): Opsbar's pages never need a device, so each
 * chooser is cancelled before Electron could pick one by itself. Each callback's "none" value
 * is what Electron documents as cancel (arguments after the event).
 */
const DEVICE_CHOOSERS: readonly { event: string; cancel: (args: unknown[]) => void }[] = [
  { event: 'select-hid-device', cancel: (args) => (args[1] as (id?: string | null) => void)(null) },
  { event: 'select-serial-port', cancel: (args) => (args[2] as (id: string) => void)('') },
  { event: 'select-usb-device', cancel: (args) => (args[1] as (id?: string) => void)() },
];

/**
 * Deny every permission (camera, notifications from pages, geolocation, clipboard, devices…)
 * and add the CSP header. Nothing is allowed, not even `clipboard-sanitized-write`: the
 * dashboard copies nothing, and an empty allow-list is one less thing to keep in step.
 */
export function hardenSession(session: SessionLike, log: Pick<Logger, 'warn'>): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`Denied a page's permission request: ${permission}.`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler((details) => {
    log.warn(`Denied a page's access to a ${details?.deviceType ?? 'device'}.`);
    return false;
  });
  for (const chooser of DEVICE_CHOOSERS) {
    session.on(chooser.event, (event: PreventableEvent, ...args: unknown[]) => {
      event.preventDefault();
      log.warn(`Cancelled a page's device chooser (${chooser.event}).`);
      chooser.cancel(args);
    });
  }
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.url, details.responseHeaders) });
  });
}

/**
 * Guards for any webContents: stay on the app's origin, open no windows, attach no webviews,
 * pick no Bluetooth device. Nothing here opens the OS browser: a page can navigate or call
 * window.open without the operator doing anything, so links leave the app only through the
 * preload's click forwarder (see linkClickForwarder.ts), which sees real clicks only.
 */
export function guardWebContents(contents: GuardedContents, deps: Pick<SecurityDeps, 'log'>): void {
  const stayHome = (kind: string) => (event: PreventableEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (isAppUrl(url)) return;
    event.preventDefault();
    deps.log.warn(`Blocked ${kind} to ${JSON.stringify(url.slice(0, 200))}.`);
  };
  contents.on('will-navigate', stayHome('navigation'));
  const frameGuard = stayHome('frame navigation');
  // Main-frame navigations are will-navigate's job.
  contents.on('will-frame-navigate', (event: PreventableEvent) => {
    if (!event.isMainFrame) frameGuard(event);
  });
  contents.on('will-redirect', stayHome('redirect'));
  contents.on('will-attach-webview', (event: PreventableEvent) => {
    event.preventDefault();
    deps.log.warn('Blocked a <webview>.');
  });
  // Without preventDefault Electron picks the first device itself; '' cancels.
  contents.on('select-bluetooth-device', (event: PreventableEvent, _devices: unknown, callback: (id: string) => void) => {
    event.preventDefault();
    deps.log.warn('Cancelled a page\'s Bluetooth device chooser.');
    callback('');
  });
  contents.setWindowOpenHandler(({ url }) => {
    deps.log.warn(`Blocked a new window for ${JSON.stringify(String(url).slice(0, 200))}.`);
    return { action: 'deny' };
  });
}

/** Electron's security checklist, in one place: applied to the default session and every new webContents. */
export function setupSecurity(deps: SecurityDeps): void {
  hardenSession(deps.session, deps.log);
  deps.app.on('web-contents-created', (_event: unknown, contents: GuardedContents) => {
    if (contents.session) hardenSession(contents.session, deps.log);
    guardWebContents(contents, deps);
  });
}
