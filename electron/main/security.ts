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
  /** The one external opener (https only); it logs what it refuses. */
  openExternal(url: string): Promise<boolean>;
  log: Pick<Logger, 'warn'>;
}

/** Response headers with the app's CSP added for the app's own pages (other URLs untouched). */
export function withContentSecurityPolicy(url: string, headers: Record<string, string[]> = {}): Record<string, string[]> {
  if (!isAppUrl(url)) return headers;
  const rest = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
  return { ...rest, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

const hardenedSessions = new WeakSet<object>();

/** Deny every permission (camera, notifications from pages, geolocation…) and add the CSP header. */
export function hardenSession(session: SessionLike, log: Pick<Logger, 'warn'>): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`Denied a page's permission request: ${permission}.`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.url, details.responseHeaders) });
  });
}

/** Guards for any webContents: stay on the app's origin, open no windows, attach no webviews. */
export function guardWebContents(contents: GuardedContents, deps: Pick<SecurityDeps, 'openExternal' | 'log'>): void {
  const stayHome = (kind: string, openOutside: boolean) => (event: PreventableEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (openOutside) void deps.openExternal(url);
    else deps.log.warn(`Blocked ${kind} to ${JSON.stringify(url.slice(0, 200))}.`);
  };
  contents.on('will-navigate', stayHome('navigation', true));
  const frameGuard = stayHome('frame navigation', false);
  // Main-frame navigations are will-navigate's job (it may open https links outside).
  contents.on('will-frame-navigate', (event: PreventableEvent) => {
    if (!event.isMainFrame) frameGuard(event);
  });
  contents.on('will-redirect', stayHome('redirect', false));
  contents.on('will-attach-webview', (event: PreventableEvent) => {
    event.preventDefault();
    deps.log.warn('Blocked a <webview>.');
  });
  contents.setWindowOpenHandler(({ url }) => {
    void deps.openExternal(url);
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
