import type { LiveMessage } from '../../shared/api/live';
import type { AlertsSnapshot } from '../../shared/types/alerts';
import type { RunSummary } from '../../shared/types/runbooks';
import type { StatusSnapshot } from '../../shared/types/status';
import type { OpsbarCore } from '../core/opsbarCore';
import { trayColourIcon } from './trayAlertItems';
import { buildTrayMenu, menuSignature, trayIconName, trayTooltip, type TrayMenuItem } from './trayMenu';

/** The slice of Electron's Tray the service drives; a fake in tests. */
export interface TrayLike<Icon, Menu> {
  setImage(image: Icon): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** A MenuItemConstructorOptions-compatible item. */
export interface NativeMenuItem<Icon> {
  type: 'normal' | 'separator' | 'submenu' | 'checkbox';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  icon?: Icon;
  click?: () => void;
  submenu?: NativeMenuItem<Icon>[];
}

export interface TrayServiceDeps<Icon, Menu> {
  /** `(icon) => new Tray(icon)`, injected "for testing" (Signal's habit). */
  createTray(icon: Icon): TrayLike<Icon, Menu>;
  /** Loads `resources/tray/<name>.png` (Electron picks the @2x file itself). */
  loadIcon(name: string): Icon;
  /** `Menu.buildFromTemplate`. */
  buildMenu(template: NativeMenuItem<Icon>[]): Menu;
  core: Pick<OpsbarCore, 'status' | 'subscribe' | 'trayLines' | 'alerts'>;
  /** Opens the dashboard; at `route` (`#/incidents/12`, `#/runbooks/disk-space-emergency`) when given. */
  onOpenDashboard(route?: string): void;
  /** A runbook's title, for the "Runbook: <title>" items under a firing alert. */
  runbookTitle?(id: string): string | null;
  onQuit(): void;
  /** On Windows a left click opens the dashboard; macOS and Linux show the menu. */
  platform?: NodeJS.Platform;
  /** The "Run daily health check" item: which runbook, its last run, and how to start it. */
  healthCheck?: { runbookId: string; lastRun(): RunSummary | null; run(): void };
  /** "Probe models now": probes every loaded model (the core's `models.probe`). */
  probeModels?: () => void;
  /** The "Emergency" submenu: free disk space, relieve GPU memory, roll a stack back (each opens its plan). */
  emergencyMenu?: boolean;
  /** The "Containers" submenu: restart a stack or a container (each opens its plan). */
  containerMenu?: boolean;
  /** "Start at login" (a checkbox): its state now and how to flip it. */
  startAtLogin?: { enabled(): boolean; toggle(): void };
}

/**
 * Keeps the tray icon, tooltip and menu in step with the core's live status. Live status
 * arrives every few seconds; the native menu is rebuilt only when what it shows changed.
 */
export class TrayService<Icon, Menu> {
  private tray: TrayLike<Icon, Menu> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly icons = new Map<string, Icon>();
  private shown = { icon: '', tooltip: '', menu: '' };
  private lastStatus: StatusSnapshot | null = null;
  private lastHealthRun: RunSummary | null = null;

  constructor(private readonly deps: TrayServiceDeps<Icon, Menu>) {}

  start(): void {
    if (this.tray) return;
    const status = this.deps.core.status();
    const iconName = trayColourIcon(this.deps.core.alerts.snapshot(), status?.overall ?? 'unknown');
    this.tray = this.deps.createTray(this.icon(iconName));
    this.shown.icon = iconName;
    if ((this.deps.platform ?? process.platform) === 'win32') this.tray.on('click', () => this.deps.onOpenDashboard());
    this.lastHealthRun = this.deps.healthCheck?.lastRun() ?? null;
    this.update(status);
    this.unsubscribe = this.deps.core.subscribe((message: LiveMessage) => {
      // The colour is the worst firing alert: alert transitions repaint it as well as status changes.
      if (message.type === 'status' || message.type === 'alerts') this.update(this.deps.core.status());
      if (message.type === 'run' && message.run.runbookId === this.deps.healthCheck?.runbookId) {
        this.lastHealthRun = message.run;
        this.update(this.lastStatus);
      }
    });
  }

  /** Applies a status; touches only the parts that changed. */
  update(status: StatusSnapshot | null): void {
    const tray = this.tray;
    if (!tray) return;
    this.lastStatus = status;
    const alerts: AlertsSnapshot = this.deps.core.alerts.snapshot();
    const iconName = trayColourIcon(alerts, status?.overall ?? 'unknown');
    if (iconName !== this.shown.icon) {
      tray.setImage(this.icon(iconName));
      this.shown.icon = iconName;
    }
    const lines = status ? this.deps.core.trayLines() : undefined;
    const tooltip = trayTooltip(status, lines, alerts);
    if (tooltip !== this.shown.tooltip) {
      tray.setToolTip(tooltip);
      this.shown.tooltip = tooltip;
    }
    const healthCheck = this.deps.healthCheck;
    const items = buildTrayMenu(status, {
      lines,
      onOpenDashboard: (route) => (route === undefined ? this.deps.onOpenDashboard() : this.deps.onOpenDashboard(route)),
      alerts,
      runbookTitle: this.deps.runbookTitle,
      onQuit: () => this.deps.onQuit(),
      healthCheck: healthCheck && { last: this.lastHealthRun, onRun: () => healthCheck.run() },
      onProbeModels: this.deps.probeModels,
      emergency: this.deps.emergencyMenu,
      containers: this.deps.containerMenu,
      startAtLogin: this.deps.startAtLogin && { enabled: this.deps.startAtLogin.enabled(), toggle: () => this.deps.startAtLogin?.toggle() },
    });
    const signature = menuSignature(items);
    if (signature !== this.shown.menu) {
      tray.setContextMenu(this.deps.buildMenu(items.map((item) => this.toNative(item))));
      this.shown.menu = signature;
    }
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.tray?.destroy();
    this.tray = null;
    this.shown = { icon: '', tooltip: '', menu: '' };
  }

  private toNative(item: TrayMenuItem): NativeMenuItem<Icon> {
    if (item.type === 'separator') return { type: 'separator' };
    const native: NativeMenuItem<Icon> = { type: 'normal', label: item.label, enabled: item.enabled ?? true };
    if (item.iconName) native.icon = this.icon(item.iconName);
    else if (item.severity) native.icon = this.icon(trayIconName(item.severity));
    if (item.click) native.click = item.click;
    if (item.type === 'checkbox') {
      native.type = 'checkbox';
      native.checked = item.checked ?? false;
    }
    if (item.type === 'submenu') {
      native.type = 'submenu';
      native.submenu = (item.submenu ?? []).map((child) => this.toNative(child));
    }
    return native;
  }

  private icon(name: string): Icon {
    let icon = this.icons.get(name);
    if (icon === undefined) {
      icon = this.deps.loadIcon(name);
      this.icons.set(name, icon);
    }
    return icon;
  }
}
