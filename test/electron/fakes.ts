// Fakes for Electron objects and a small fake core, shared by the shell's unit tests.
// Nothing here imports 'electron' (it throws without a binary).
import { defaultSettings } from '../../shared/config/settingsSchema';
import { DashboardWindow, dashboardWindowOptions } from '../../electron/main/windows';
import { TrayService, type NativeMenuItem, type TrayLike, type TrayServiceDeps } from '../../electron/main/trayService';
import { fullStatusMessage, noGpuSnapshot, noModelsSnapshot } from '../support/statusFixtures';
import { EventEmitter } from 'node:events';
import type { BrowserWindowLike } from '../../electron/main/windows';
import type { LiveMessage } from '../../shared/api/live';
import { worstAlertSeverity, type AlertSeverity, type AlertsSnapshot, type AlertView } from '../../shared/types/alerts';
import { runChange, runHeadOf } from '../../shared/runbooks/applyRunChange';
import type { DockerSnapshot, Stack } from '../../shared/types/docker';
import type { RunDetail, RunSummary } from '../../shared/types/runbooks';
import type { Severity } from '../../shared/types/severity';
import type { StatusCheck, StatusSnapshot } from '../../shared/types/status';
import { createApiDispatcher, type ApiHandlers } from '../../electron/core/api/dispatcher';
import type { OpsbarCore } from '../../electron/core/opsbarCore';
import { firingAlertView } from '../support/alertViews';

export const noDocker: DockerSnapshot = { at: 1, available: false, endpoint: '/var/run/docker.sock', error: 'Docker is not running', engineVersion: null, stacks: [] };

export function stack(name: string, severities: Severity[]): Stack {
  const containers = severities.map((severity, i) => ({
    id: `${name}-${i}`,
    name: `${name}-${i}`,
    service: `svc${i}`,
    image: 'img',
    state: 'running' as const,
    health: severity === 'ok' ? ('healthy' as const) : ('unhealthy' as const),
    restartCount: 0,
    startedAt: 1,
    exitCode: null,
    cpuPercent: null,
    memoryBytes: null,
    memoryLimitBytes: null,
    ports: [],
    severity,
  }));
  const worst = severities.includes('critical') ? 'critical' : severities.includes('warning') ? 'warning' : 'ok';
  return { name, kind: 'compose', containers, severity: worst, counts: { total: containers.length, running: containers.length, healthy: 0, unhealthy: 0 } };
}

export function docker(stacks: Stack[]): DockerSnapshot {
  return { at: 1, available: true, endpoint: '/var/run/docker.sock', error: null, engineVersion: '27.0', stacks };
}

export function check(id: string, severity: Severity, label = id, summary = `${id} is ${severity}`): StatusCheck {
  return { id, label, severity, summary };
}

export function status(overall: Severity, checks: StatusCheck[] = [], dockerSnapshot: DockerSnapshot = noDocker, at = 1): StatusSnapshot {
  return { at, overall, checks, system: null, docker: dockerSnapshot, gpu: noGpuSnapshot(at), models: noModelsSnapshot(at), http: { at, checks: [] } };
}

/** One alert as the engine shows it (`state` firing unless said). */
export function alertView(kind: string, subject: string, severity: AlertSeverity, overrides: Partial<AlertView> = {}): AlertView {
  return firingAlertView(kind, subject, { summary: `${kind} is ${severity}`, severity, since: 1, firedAt: 1, lastSeenAt: 1, ...overrides });
}

/** An alerts snapshot whose worstFiring is computed from its firing alerts, as the engine does. */
export function alertsOf(alerts: AlertView[], at = 1): AlertsSnapshot {
  return { at, alerts, worstFiring: worstAlertSeverity(alerts.filter((a) => a.state === 'firing').map((a) => a.severity)) };
}

/** A core with a real dispatcher over stub handlers, a live hub you drive, and a settable status. */
export class FakeCore implements Pick<OpsbarCore, 'dispatch' | 'subscribe' | 'status' | 'trayLines' | 'startRunbook' | 'lastRun' | 'alerts'> {
  current: StatusSnapshot = status('unknown');
  /** What the alert engine's snapshot says (the tray's colour); set it, or send it with publishAlerts. */
  currentAlerts: AlertsSnapshot = { at: 1, alerts: [], worstFiring: null };
  readonly alerts = { snapshot: () => this.currentAlerts } as unknown as OpsbarCore['alerts'];
  /** The settings the shell reads (start at login). */
  settings = () => defaultSettings();
  /** The desktop notifier the shell registered (electron/main/notifications.ts). */
  desktopNotifier: ((message: import('../../shared/types/notifications').NotificationMessage) => boolean) | null = null;
  readonly notifications = { setDesktop: (notifier: FakeCore['desktopNotifier']) => void (this.desktopNotifier = notifier) };
  /** The tray lines the core's modules would give; null: the checks, as "label — summary". */
  lines: { label: string; severity: Severity }[] | null = null;
  /** Runbooks started through startRunbook, as "id by trigger". */
  readonly startedRunbooks: string[] = [];
  readonly listeners = new Set<(m: LiveMessage) => void>();
  readonly dispatch = createApiDispatcher({
    'status.get': () => this.current,
    'docker.stacks': () => this.current.docker,
    'history.query': () => ({ series: 'x', resolution: 'raw', points: [] }),
    'history.series': () => [],
    'events.list': () => [],
    'settings.get': () => {
      throw new Error('not in this fake');
    },
    'settings.update': () => {
      throw new Error('not in this fake');
    },
  } as unknown as ApiHandlers);

  subscribe(listener: (m: LiveMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): StatusSnapshot {
    return this.current;
  }

  startRunbook(runbookId: string, trigger: 'tray' | 'cli'): RunDetail {
    this.startedRunbooks.push(`${runbookId} by ${trigger}`);
    const run: RunDetail = {
      id: this.startedRunbooks.length, runbookId, runbookTitle: runbookId, hash: 'h', trigger, startedBy: trigger, mode: 'auto', state: 'running',
      startedAt: 1, endedAt: null, currentStep: 0, stepCount: 1, summary: '', params: {}, wait: null, steps: [null], attempts: [], suggestedRunbook: null, notes: '',
    };
    for (const listener of [...this.listeners]) listener(runChange(runHeadOf(run), run.attempts));
    return run;
  }

  trayLines(): { label: string; severity: Severity }[] {
    return this.lines ?? this.current.checks.map((c) => ({ label: c.summary ? `${c.label} — ${c.summary}` : c.label, severity: c.severity }));
  }

  lastRun(_runbookId: string): RunSummary | null {
    return null;
  }

  /** A live `alerts` message, as the core sends one on each alert transition. */
  publishAlerts(next: AlertsSnapshot): void {
    this.currentAlerts = next;
    for (const listener of [...this.listeners]) listener({ type: 'alerts', alerts: next });
  }

  publishStatus(next: StatusSnapshot): void {
    this.current = next;
    for (const listener of [...this.listeners]) listener(fullStatusMessage(next));
  }
}

/** A webContents: an id, a URL, a send log, and a 'destroyed' event. */
export class FakeWebContents extends EventEmitter {
  destroyed = false;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  constructor(
    readonly id: number,
    public url = 'opsbar://app/index.html',
  ) {
    super();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

/** Records calls as [method, ...args]. */
export function recorder<T extends object>(target: T): T & { calls: [string, ...unknown[]][] } {
  const calls: [string, ...unknown[]][] = [];
  return new Proxy(Object.assign(target, { calls }), {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      if (typeof value !== 'function' || key === 'calls') return value;
      return (...args: unknown[]) => {
        calls.push([String(key), ...args]);
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

export const quietLog = () => {
  const lines: string[] = [];
  return { lines, info: (m: string) => void lines.push(`info: ${m}`), warn: (m: string) => void lines.push(`warn: ${m}`), error: (m: string) => void lines.push(`error: ${m}`) };
};

/** A dashboard window that records the URLs it loads (the tray's routes: `show(route)`). */
export class RouteWindow extends EventEmitter implements BrowserWindowLike {
  readonly webContents = new FakeWebContents(1);
  readonly loaded: string[] = [];
  isDestroyed = () => false;
  isMinimized = () => false;
  restore = () => undefined;
  show = () => undefined;
  focus = () => undefined;
  async loadURL(url: string) {
    this.loaded.push(url);
  }
}

/** A TrayService on recording fakes, started: its native menu template and the routes its items opened. */
export function startRecordingTray(core: FakeCore, options: Pick<TrayServiceDeps<string, RecordedMenu>, 'emergencyMenu' | 'containerMenu'>) {
  let menu: RecordedMenu | null = null;
  const opened: string[] = [];
  const tray: TrayLike<string, RecordedMenu> = { setImage: () => undefined, setToolTip: () => undefined, setContextMenu: (m) => void (menu = m), on: () => undefined, destroy: () => undefined };
  const service = new TrayService<string, RecordedMenu>({
    createTray: () => tray,
    loadIcon: (name) => name,
    buildMenu: (template) => ({ template }),
    core,
    onOpenDashboard: (route) => opened.push(route ?? '(dashboard)'),
    onQuit: () => undefined,
    platform: 'linux',
    ...options,
  });
  service.start();
  return { service, opened, template: (): NativeMenuItem<string>[] => (menu as RecordedMenu | null)?.template ?? [] };
}

export interface RecordedMenu {
  template: NativeMenuItem<string>[];
}

/** The one dashboard window on RouteWindow fakes: what each window it made loaded (the tray's routes). */
export function routeDashboard(): { dashboard: DashboardWindow; windows: RouteWindow[] } {
  const windows: RouteWindow[] = [];
  const dashboard = new DashboardWindow({
    createWindow: () => {
      const w = new RouteWindow();
      windows.push(w);
      return w;
    },
    options: dashboardWindowOptions('/app/dist/preload/preload.js'),
    onCreated: () => undefined,
    log: quietLog(),
  });
  return { dashboard, windows };
}
