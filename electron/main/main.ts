// The composition root of the Electron shell: the only file that wires Electron's objects to
// the feature files (one setupX() each). All logic lives in those files and is unit-tested
// under plain Node with fakes; this file is glue and is exercised by the smoke test.
import { BrowserWindow, Menu, Notification, Tray, app, dialog, ipcMain, nativeImage, protocol, session, shell, type NativeImage } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { configPathIn } from '../core/config/configFile';
import { resolveDataDir } from '../core/config/dataDir';
import { createOpsbarCore } from '../core/createCore';
import { consoleLogger } from '../core/logger';
import { createXdgAutostart } from '../core/startAtLogin/xdgAutostart';
import type { OpsbarCore } from '../core/opsbarCore';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { appPaths } from './appPaths';
import { EXTERNAL_LINK_HOSTS } from './externalLinkHosts';
import { openExternalSafely } from './externalLinks';
import { packagedCliArguments, runPackagedCli } from './packagedCli';
import { setupIpc } from './ipc';
import { setupLifecycle, wantsDashboardAtStart } from './lifecycle';
import { notificationRoute, setupNotifications } from './notifications';
import { setupSecurity } from './security';
import { SettingsConfirmation } from './settingsConfirmation';
import { linuxStartCommand, macLoginItem, setupStartAtLogin, xdgLoginItem, type LoginItemBackend } from './startAtLogin';
import { startAtLoginToggle } from './trayLoginItem';
import { TrayService } from './trayService';
import { DashboardWindow, dashboardWindowOptions } from './windows';

const log = consoleLogger;
/** The runbook behind the tray's "Run daily health check". */
const DAILY_HEALTH_CHECK = 'daily-health-check';

// `opsbar …` of a packaged app (resources/cli/opsbar): the core's CLI, no tray, no window, no lock.
const cliArguments = packagedCliArguments(process.argv);
if (cliArguments) {
  // Loaded only here: the app itself never needs the CLI's modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = require('../core/cli/main') as typeof import('../core/cli/main');
  void runPackagedCli(cliArguments, { main: cli.main, stdout: process.stdout, stderr: process.stderr, exit: (code) => app.exit(code) });
} else {
  startApp();
}

function startApp(): void {
  // Before anything reads userData: the app is "Opsbar" (package.json's name is lower-case).
  app.setName('Opsbar');
  app.setPath('userData', join(app.getPath('appData'), 'Opsbar'));
  // `--data-dir` / OPSBAR_DATA_DIR move Chromium's profile too, so the single-instance lock is
  // per data directory: one Opsbar per database; a test instance never meets the user's.
  const dataDir = resolveDataDir({ argv: process.argv, env: process.env, platformDefault: app.getPath('userData') });
  app.setPath('userData', dataDir);
  // Every renderer sandboxed (not only the windows that ask for it); must be called before ready.
  app.enableSandbox();
  // Privileged schemes must be registered before the app is ready.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

  if (!app.requestSingleInstanceLock()) {
    // Another Opsbar runs; it got our 'second-instance' and shows its dashboard.
    app.quit();
  } else {
    app.whenReady().then(() => start(dataDir)).catch(fail);
  }
}

function fail(error: unknown): void {
  let message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  // better-sqlite3 built for Node's ABI (what the tests use) cannot load into Electron.
  // (A packaged app ships electron-builder's rebuild; a checkout needs scripts/electron-native.mjs.)
  if (!app.isPackaged && /NODE_MODULE_VERSION|better_sqlite3/.test(message)) message = `Run \`node scripts/electron-native.mjs\` to build better-sqlite3 for Electron.\n\n${message}`;
  log.error(`Opsbar could not start: ${message}`);
  dialog.showErrorBox('Opsbar could not start', message);
  app.exit(1);
}

/** Where "start at login" lives on this OS; null where Opsbar does not offer it. */
function loginItemBackend(): LoginItemBackend | null {
  if (process.platform === 'darwin') return macLoginItem(app);
  if (process.platform === 'linux') {
    const command = linuxStartCommand({ env: process.env, execPath: process.execPath, isPackaged: app.isPackaged, appPath: app.getAppPath() });
    return xdgLoginItem(createXdgAutostart({ command }));
  }
  return null;
}

function start(dataDir: string): void {
  // resourcePaths.ts decides: the checkout in development, process.resourcesPath packaged.
  const paths = appPaths();
  // Read before the core starts: a first start opens the dashboard on its welcome view.
  const firstRun = !existsSync(configPathIn(dataDir));
  const core: OpsbarCore = createOpsbarCore({ dataDir, log, sqliteNativeBinding: paths.sqliteNativeBinding, electronVersion: process.versions.electron });
  log.info(`data directory: ${dataDir}`);

  if (process.platform === 'darwin') app.dock?.hide();

  // Links leave only when the operator clicked them (the preload forwards real clicks) and only to listed hosts.
  const openLink = (url: unknown) => openExternalSafely(url, shell, { allowedHosts: EXTERNAL_LINK_HOSTS, log });
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir));
  setupSecurity({ app, session: session.defaultSession, log });
  const confirmSettings = new SettingsConfirmation({ showMessageBox: (options) => dialog.showMessageBox(options), log });
  const ipc = setupIpc({ ipcMain, core, log, openLink, confirmSettings });

  const dashboard = new DashboardWindow({
    createWindow: (options) => new BrowserWindow(options),
    options: dashboardWindowOptions(paths.preload, { icon: paths.appIcon, devTools: !app.isPackaged }),
    onCreated: (contents) => ipc.attachWindow(contents),
    activateApp: () => {
      if (process.platform === 'darwin') app.focus({ steal: true });
    },
    log,
  });
  // The tray opens an incident or a runbook at its route (`#/incidents/12`).
  const openDashboard = (route?: string) => void dashboard.show(route);

  // The `app.startAtLogin` setting (asked on the first run) is applied now and on every change.
  const startAtLogin = setupStartAtLogin({ backend: loginItemBackend(), core, log });
  const loginToggle = startAtLoginToggle({ core, enabled: startAtLogin.wanted, log, onChanged: () => startAtLogin.apply() });
  app.on('will-quit', () => startAtLogin.dispose());

  setupLifecycle({ app, stopCore: () => core.stop(), onSecondInstance: openDashboard, log });

  const tray = new TrayService<NativeImage, Menu>({
    createTray: (icon) => new Tray(icon),
    loadIcon: (name) => nativeImage.createFromPath(paths.trayIcon(name)),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    core,
    onOpenDashboard: openDashboard,
    onQuit: () => app.quit(),
    runbookTitle: (id) => core.runbooks.catalog.get(id)?.title ?? null,
    emergencyMenu: true,
    containerMenu: true,
    startAtLogin: startAtLogin.supported ? { enabled: loginToggle.enabled, toggle: () => void loginToggle.toggle() } : undefined,
    healthCheck: {
      runbookId: DAILY_HEALTH_CHECK,
      lastRun: () => core.lastRun(DAILY_HEALTH_CHECK),
      run: () => {
        try {
          core.startRunbook(DAILY_HEALTH_CHECK, 'tray');
        } catch (error) {
          log.warn(`The daily health check did not start: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    },
    probeModels: () => {
      core.dispatch('models.probe', {}, { caller: 'app' }).then(
        (answer) => {
          if (!answer.ok) log.warn(`Probe now did not start: ${answer.error.message}`);
        },
        (error: unknown) => log.warn(`Probe now did not start: ${error instanceof Error ? error.message : String(error)}`),
      );
    },
  });
  tray.start();
  app.on('will-quit', () => tray.dispose());

  // The core decides (policy, channels); the shell only shows. A click opens the message's incident.
  setupNotifications({
    notifications: core.notifications,
    createNotification: (options) => new Notification({ ...options, icon: paths.appIcon }),
    isSupported: () => Notification.isSupported(),
    onClick: (incidentId) => openDashboard(notificationRoute(incidentId)),
    log,
  });

  if (wantsDashboardAtStart(process.argv, firstRun)) openDashboard();
  core.start().catch((error: unknown) => log.error(`Monitoring did not start: ${error instanceof Error ? error.message : String(error)}`));
}
