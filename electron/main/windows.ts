import type { BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../core/logger';
import { APP_ENTRY_URL } from './appProtocol';
import type { WebContentsLike } from './ipc';

/** The slice of BrowserWindow the dashboard uses; a fake in tests. */
export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

/** The dashboard's options: a sandboxed page with one preload and nothing else of Node. */
export function dashboardWindowOptions(preloadPath: string, extra: { icon?: string; devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    title: 'Opsbar',
    width: 1180,
    height: 780,
    minWidth: 720,
    minHeight: 480,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#111418',
    ...(extra.icon ? { icon: extra.icon } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: extra.devTools ?? true,
    },
  };
}

export interface DashboardDeps {
  /** `(options) => new BrowserWindow(options)`. */
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindowLike;
  options: BrowserWindowConstructorOptions;
  /** Told about each new window's webContents (the IPC checkpoint trusts only these). */
  onCreated(contents: WebContentsLike): void;
  /** Brings the app forward (macOS: `app.focus({ steal: true })` for a dockless app). */
  activateApp?(): void;
  log: Pick<Logger, 'error'>;
  url?: string;
}

/**
 * A hash route of the dashboard (`#/incidents/12`, `#/runbooks/disk-space-emergency`,
 * `#/emergency/rollback?stack=demo`): nothing else reaches loadURL. A query is `name=value` pairs
 * of URL-safe characters only.
 */
const DASHBOARD_ROUTE = /^#\/[a-z]+(\/[A-Za-z0-9%._~-]+)*(\?[a-z]+=[A-Za-z0-9%._~-]*(&[a-z]+=[A-Za-z0-9%._~-]*)*)?$/;

/** One dashboard window, created on demand and reused; closing it keeps the app in the tray. */
export class DashboardWindow {
  private window: BrowserWindowLike | null = null;

  constructor(private readonly deps: DashboardDeps) {}

  get current(): BrowserWindowLike | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Shows the dashboard; at a page's route (`#/incidents/12`) when given one of the app's own. */
  show(route?: string): BrowserWindowLike {
    const base = this.deps.url ?? APP_ENTRY_URL;
    const target = route !== undefined && DASHBOARD_ROUTE.test(route) ? `${base}${route}` : null;
    const existing = this.current;
    if (existing) {
      // Only the fragment changes: the page follows it (hashchange) without reloading.
      if (target) existing.loadURL(target).catch((error: unknown) => this.deps.log.error(`Could not open ${route}: ${error instanceof Error ? error.message : String(error)}`));
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      this.deps.activateApp?.();
      return existing;
    }
    const window = this.deps.createWindow(this.deps.options);
    this.window = window;
    this.deps.onCreated(window.webContents);
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
      this.deps.activateApp?.();
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    window.loadURL(target ?? base).catch((error: unknown) => {
      this.deps.log.error(`Could not load the dashboard (is dist/renderer built?): ${error instanceof Error ? error.message : String(error)}`);
    });
    return window;
  }
}
