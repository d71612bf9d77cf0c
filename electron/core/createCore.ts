import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Settings, SettingsPatch, SettingsView } from '../../shared/config/settingsSchema';
import type { AlertTransition } from '../../shared/types/alerts';
import type { NewOpsEvent, OpsEvent } from '../../shared/types/events';
import type { HostInventory } from '../../shared/types/inventory';
import type { ModuleId, StatusSnapshot } from '../../shared/types/status';
import { createActionSystem } from './actions/createActionSystem';
import { createContainerAction } from './actions/container/containerAction';
import { createDiskAction } from './actions/disk/diskAction';
import { createDockerAdmin } from './actions/docker/dockerAdmin';
import { createGpuAction } from './actions/gpu/gpuAction';
import { createRollbackAction } from './actions/rollback/rollbackAction';
import { createSnapshotService } from './actions/rollback/createSnapshotService';
import { createAlertSystem } from './alerts/createAlertSystem';
import { createApiDispatcher, NotFoundError } from './api/dispatcher';
import { createApiHandlers } from './api/handlers';
import { systemClock, type Clock } from './clock';
import { existsSync } from 'node:fs';
import { configPathIn, loadConfigFile, updateConfigFile } from './config/configFile';
import { createDiagnostics } from './diagnostics/diagnosticsBundle';
import { recordingLogger } from './diagnostics/recentErrors';
import { createLogService } from './logs/logService';
import { createHttpSuggestions } from './monitors/http/httpSuggestions';
import { createSetupService } from './setup/setupService';
import { createIncidentSystem } from './incidents/createIncidentSystem';
import { LiveHub } from './liveHub';
import { consoleLogger, type Logger } from './logger';
import { collectOnce } from './monitors/collectOnce';
import type { CollectorResult } from './monitors/collectorScheduler';
import { createDockerClientProvider, type DockerClientProvider } from './monitors/docker/dockerClientProvider';
import type { AnyMonitorModule, MonitorDeps } from './monitors/monitorModule';
import { ProbeCoordinator } from './monitors/models/probing/probeCoordinator';
import { createNotificationSystem } from './notifications/createNotificationSystem';
import { redactSettingsView, restoreSecrets } from './config/settingsSecrets';
import { ModuleRunner } from './monitors/moduleRunner';
import { builtInModules } from './monitors/registry';
import type { OpsbarCore } from './opsbarCore';
import { createCommandRunner, type CommandRunner } from './process/commandRunner';
import { resourcePaths } from './resourcePaths';
import { createRunbookSystem } from './runbooks/createRunbookSystem';
import { checkTransitionEvents } from './status/checkTransitions';
import { StatusAssembler } from './status/statusAssembler';
import { StatusChanges } from './status/statusChanges';
import { ActionLog } from './store/actionLog';
import { MEMORY_DATABASE } from './store/historyFallback';
import { ModelProbeLog } from './store/modelProbeLog';
import { openDatabase } from './store/openDatabase';
import { OpsbarStore } from './store/opsbarStore';
import { SpillingActionLog } from './store/spillingActionLog';

export interface CreateCoreOptions {
  dataDir: string;
  log?: Logger;
  clock?: Clock;
  /** Path of a better-sqlite3 binary built for Electron's ABI (the shell passes it). */
  sqliteNativeBinding?: string;
  /** The Electron version when the shell runs the core (diagnostics). */
  electronVersion?: string | null;
  /** Replaces the built-in monitor modules (tests). */
  modules?: readonly AnyMonitorModule[];
  /** Replaces the shipped runbooks folder (tests). */
  builtinRunbookDir?: string;
  /**
   * `app` (the tray, `serve`): monitors in the background, scheduled runbooks, retention.
   * `cli`: one-shot commands on the same data dir — nothing runs until asked, no schedules.
   */
  role?: 'app' | 'cli';
  /** `memory`: history in an in-memory database (a one-shot status neither writes nor checks the file). */
  history?: 'file' | 'memory';
  /** Adjusts the settings read from the file, for this process only (`models probe --endpoint` of an unlisted server). */
  adjustSettings?: (settings: Settings) => Settings;
  commands?: CommandRunner;
  docker?: DockerClientProvider;
  /** Reads the host inventory (default: systeminformation, once). */
  readInventory?: () => Promise<HostInventory>;
  /** PIDs that are Opsbar too (the shell's helper processes): emergency actions never stop them. */
  ownPids?: () => number[];
  /** Replaces the built-in emergency actions (tests). */
  actionPlugins?: readonly import('./actions/actionPlugin').AnyActionPlugin[];
}

/** The host's one-action-at-a-time lock, in the data dir the app, `serve` and the CLI share. */
export const ACTION_LOCK_FILE = 'action.lock';

export const DATABASE_FILE_NAME = 'opsbar.db';
/** Monitors and runs get this long to stop; then the store is closed anyway (the shell waits 5 s). */
const STOP_DEADLINE_MS = 1500;
const RETENTION_INTERVAL_MS = 60 * 60_000;
/** Pending alerts fire and repeats go out on the clock, also between samples. */
const ALERT_TICK_MS = 5_000;

/** The one composition root of the core: config, store, monitor modules, status, runbooks, API. */
export function createOpsbarCore(options: CreateCoreOptions): OpsbarCore {
  // The latest warnings and errors are kept (bounded) for the diagnostics bundle.
  const recording = recordingLogger(options.log ?? consoleLogger, () => (options.clock ?? systemClock).now());
  const log = recording.log;
  const clock = options.clock ?? systemClock;
  const role = options.role ?? 'app';
  const modules = options.modules ?? builtInModules;
  const configPath = configPathIn(options.dataDir);
  const notices: string[] = [];

  let loaded = loadConfigFile(configPath);
  if (options.adjustSettings) loaded = { ...loaded, settings: options.adjustSettings(loaded.settings) };
  for (const p of loaded.problems) notices.push(`Config ${p.path}: ${p.message}`);

  // Inside Electron (the app, or the packaged `opsbar --opsbar-cli`), the Electron-ABI build of better-sqlite3.
  const sqliteNativeBinding = options.sqliteNativeBinding ?? resourcePaths().sqliteNativeBinding;
  const databaseFile = options.history === 'memory' ? ':memory:' : join(options.dataDir, DATABASE_FILE_NAME);
  const { store, notice } = OpsbarStore.open(databaseFile, { now: () => clock.now(), nativeBinding: sqliteNativeBinding });
  // A file that cannot be opened (disk full, read-only) is no reason not to start: history is kept in memory.
  if (notice.kind === 'corrupt-moved-aside' || notice.kind === 'memory-fallback') notices.push(notice.message);

  const live = new LiveHub();
  // A one-shot status keeps its history in memory, yet shows the probes stored in the file.
  const probeFile = options.history === 'memory' ? ModelProbeLog.openReadOnly(join(options.dataDir, DATABASE_FILE_NAME), sqliteNativeBinding) : null;
  const probeReader = () => probeFile?.log ?? store.probes;
  const modelProbes = new ProbeCoordinator({
    clock,
    log,
    role,
    timeoutMs: () => loaded.settings.models.probeTimeoutMs,
    history: { reader: probeReader, add: (record) => store.probes.add(record) },
    publish: (progress) => live.publish({ type: 'model-probe', progress }),
  });
  const docker = options.docker ?? createDockerClientProvider({ settings: () => loaded.settings });
  let assemblerRef: StatusAssembler | null = null;
  const monitorDeps: MonitorDeps = {
    clock,
    log,
    commands: options.commands ?? createCommandRunner(),
    docker,
    peerSnapshot: (id) => (assemblerRef ? assemblerRef.status()[id] : null),
    modelProbes,
  };
  let runbooks: ReturnType<typeof createRunbookSystem> | null = null;
  const maintenance = () => {
    const window = runbooks?.maintenance();
    return window ? { active: window.active, until: window.until, silenceNonCritical: loaded.settings.runbooks.maintenanceWindow.silenceNonCritical } : null;
  };
  const assembler = new StatusAssembler(modules, loaded.settings, () => clock.now(), maintenance);
  assemblerRef = assembler;
  if (notice.kind === 'memory-fallback') assembler.setStoreError(notice.message);
  const changes = new StatusChanges();
  let previousChecks: StatusSnapshot['checks'] | null = null;

  // Alerts → incidents → notifications: one engine for the app, `opsbar serve` and the CLI.
  const audit = (entry: Parameters<OpsbarStore['addAudit']>[0]): void => {
    try {
      store.addAudit(entry);
    } catch (error) {
      log.warn(`audit row not saved (${(error as Error).message}): ${entry.action} ${entry.target}`);
    }
  };
  const runbookTriggers = (kinds: readonly string[]) =>
    (runbooks?.catalog.view().runbooks ?? []).filter((r) => r.triggers.some((t) => kinds.includes(t))).map((r) => ({ id: r.id, title: r.title }));
  const alerts = createAlertSystem({
    settings: () => loaded.settings,
    clock,
    log,
    store: () => store.alerts,
    runbooksFor: (kind) => runbookTriggers([kind]).map((r) => r.id),
    modules,
    ownerOf: (checkId) => assembler.ownerOf(checkId)?.id ?? null,
    audit,
    role,
  });
  const incidents = createIncidentSystem({
    settings: () => loaded.settings,
    clock,
    log,
    store: () => store.incidents,
    publish: (message) => live.publish(message),
    audit,
    runbooksFor: runbookTriggers,
    linkAlert: (key, id) => alerts.setIncident(key, id),
    role,
  });
  const notifications = createNotificationSystem({
    settings: () => loaded.settings,
    clock,
    log,
    store: () => store.notifications,
    publish: (message) => live.publish(message),
    audit,
    maintenanceActive: () => Boolean(maintenance()?.active && maintenance()?.silenceNonCritical),
    silenceFor: (kind, subject) => alerts.silences.matching(kind, subject),
    incidentOf: (key) => incidents.forAlert(key),
    onSent: (message) => incidents.onNotification(message),
    hostname: hostname(),
    role,
  });
  const onTransitions = (transitions: AlertTransition[]): void => {
    if (transitions.length === 0) return;
    incidents.onTransitions(transitions);
    notifications.onTransitions(transitions);
    live.publish({ type: 'alerts', alerts: alerts.snapshot() });
  };

  const recordEvent = (event: NewOpsEvent): void => {
    let stored: OpsEvent;
    try {
      stored = store.addEvent(event);
    } catch (error) {
      log.warn(`event not saved (${(error as Error).message}): ${event.kind} ${event.subject}`);
      stored = { ...event, id: 0 };
    }
    live.publish({ type: 'event', event: stored });
    alerts.observeEvent(stored);
    incidents.onEvent(stored);
    notifications.onEvent(stored);
  };

  const publishStatus = (status: StatusSnapshot): void => {
    for (const event of checkTransitionEvents(previousChecks, status.checks, status.at, (id) => assembler.ownerOf(id))) recordEvent(event);
    previousChecks = status.checks;
    const message = changes.next(status);
    if (message) live.publish(message);
    onTransitions(alerts.evaluate(status));
    if (role === 'app') snapshots.onStatus(status);
  };

  let alertTimer: { cancel(): void } | null = null;
  const alertTick = (): void => {
    try {
      onTransitions(alerts.tick());
      notifications.tick();
    } catch (error) {
      log.warn(`alert tick failed: ${(error as Error).message}`);
    }
    alertTimer = clock.setTimeout(alertTick, ALERT_TICK_MS);
  };

  const onResult = (result: CollectorResult): void => {
    if (result.output) store.writeSamples(result.output.samples);
    const health = store.health();
    assembler.setStoreError(health.writable ? null : health.lastError);
    publishStatus(assembler.applyResult(result));
  };

  const runner = new ModuleRunner(modules, monitorDeps, { onResult, onEvent: recordEvent, onReset: (id) => assembler.forget(id) }, clock, log);

  let retentionTimer: { cancel(): void } | null = null;
  const runRetention = (): void => {
    try {
      store.runRetention(loaded.settings.retention, clock.now());
    } catch (error) {
      log.warn(`retention pass failed: ${(error as Error).message}`);
    }
    retentionTimer = clock.setTimeout(runRetention, RETENTION_INTERVAL_MS);
  };

  // Webhook and health check URLs may hold secrets: the view (the renderer, the API) gets them redacted.
  const settingsView = (): SettingsView => redactSettingsView({ settings: loaded.settings, configPath, problems: loaded.problems });

  let started = false;
  let stopping: Promise<void> | null = null;
  const updateSettings = async (patch: SettingsPatch): Promise<SettingsView> => {
    const before = loaded.settings;
    // A webhook or check URL sent back in its redacted form keeps the stored URL.
    loaded = updateConfigFile(configPath, restoreSecrets(loaded.settings, patch));
    if (JSON.stringify(before.runbooks) !== JSON.stringify(loaded.settings.runbooks)) runbookSystem.reload();
    // Thresholds apply at this evaluation; a module whose collection settings changed restarts alone.
    if (started) await runner.apply(loaded.settings);
    publishStatus(assembler.setSettings(loaded.settings));
    return settingsView();
  };

  runbooks = createRunbookSystem({
    dataDir: options.dataDir,
    settings: () => loaded.settings,
    store,
    clock,
    log,
    publish: (message) => {
      live.publish(message);
      if (message.type === 'run') incidents.onRunbookRun(message.run);
    },
    // In the app the live status; in a CLI run, a one-shot reading when a step asks for it.
    status: () => (started ? assembler.status() : oneShotStatus()),
    recordEvent,
    scheduling: role === 'app',
    builtinDir: options.builtinRunbookDir,
    docker,
    // Built below: runbook steps reach it only when they run.
    actions: () => actions,
    actionProgress: (listener) =>
      live.subscribe((message) => {
        if (message.type === 'action') listener(message.outcome);
      }),
  });
  const runbookSystem = runbooks;

  let inventory: Promise<HostInventory> | null = null;
  const readInventory = (): Promise<HostInventory> => {
    inventory ??= (options.readInventory ?? defaultInventoryReader(clock))();
    return inventory;
  };

  async function oneShotStatus(ids?: readonly ModuleId[]): Promise<StatusSnapshot> {
    const asked = ids ? modules.filter((m) => ids.includes(m.id)) : modules;
    // A module that reads its peers' snapshots (models: container ports, GPU processes) reads after them.
    const chosen = modules.filter((m) => asked.includes(m) || asked.some((a) => a.peers?.includes(m.id)));
    const waves = [chosen.filter((m) => !m.peers?.length), chosen.filter((m) => m.peers?.length)];
    for (const wave of waves) for (const result of await collectOnce(wave, loaded.settings, monitorDeps, clock)) assembler.applyResult(result);
    return assembler.refresh();
  }

  // Emergency actions: plan → confirm → execute exactly the plan → verify → audit. On a full disk
  // (when freeing space matters most) a plan that cannot be saved is kept in memory for this process.
  let spilledActions: ActionLog | null = null;
  const actionStore = new SpillingActionLog(
    () => store.actions,
    () => (spilledActions ??= new ActionLog(openDatabase(MEMORY_DATABASE, { now: () => clock.now(), nativeBinding: sqliteNativeBinding }).db)),
    (reason) => log.warn(`The history file cannot be written (${reason}): emergency plans and their runs are kept in memory by this process until it stops; plan and execute from the same window or command.`),
  );
  const dockerAdmin = createDockerAdmin(docker);
  const snapshots = createSnapshotService({ clock, log, settings: () => loaded.settings, docker, dockerAdmin, store: () => store.snapshots, audit, role });
  const actions = createActionSystem({
    plugins: options.actionPlugins ?? [createDiskAction(), createGpuAction(), createRollbackAction(), createContainerAction()],
    deps: {
      clock,
      log,
      settings: () => loaded.settings,
      dataDir: options.dataDir,
      docker,
      dockerAdmin,
      commands: monitorDeps.commands,
      status: async () => (started ? assembler.status() : oneShotStatus()),
      collect: (ids) => oneShotStatus(ids),
      store: () => store,
      snapshots,
      ownPids: () => [process.pid, ...(options.ownPids?.() ?? [])],
      fetch: (...args) => fetch(...args),
    },
    log: () => actionStore,
    audit,
    publish: (message) => live.publish(message),
    lockPath: join(options.dataDir, ACTION_LOCK_FILE),
    onRun: (outcome) => {
      const plan = store.actions.plan(outcome.planId);
      if (plan) incidents.onActionRun(outcome, plan);
    },
    role,
  });

  const logs = createLogService({ clock, log, docker, publish: (chunk) => live.publish({ type: 'log', chunk }) });
  const httpSuggestions = createHttpSuggestions({
    settings: () => loaded.settings,
    status: async () => (started ? assembler.status() : oneShotStatus()),
    fetch: (...args) => fetch(...args),
  });
  const setup = createSetupService({
    configPath,
    firstRun: () => !existsSync(configPath),
    collect: (ids) => oneShotStatus(ids),
    inventory: readInventory,
    writeSettings: updateSettings,
    platform: process.platform,
    desktopApp: options.electronVersion != null,
    audit,
    clock,
  });
  const diagnostics = createDiagnostics({
    now: () => clock.now(),
    settingsView,
    status: async () => (started ? assembler.status() : oneShotStatus()),
    store: () => store,
    databasePath: databaseFile,
    alerts,
    actions,
    recentErrors: () => recording.recent(),
    electronVersion: options.electronVersion ?? null,
  });

  const dispatch = createApiDispatcher(
    createApiHandlers({
      status: () => assembler.status(),
      inventory: readInventory,
      store,
      settingsView,
      updateSettings,
      now: () => clock.now(),
      warn: (message) => log.warn(message),
      runbooks: runbookSystem,
      modelProbes,
      probeHistory: (q) => probeReader().recent(q.endpoint, q.model, q),
      alerting: { alerts, incidents, notifications, audit: () => store.auditLog, now: () => clock.now() },
      emergency: { actions, snapshots },
      everyday: { logs, httpSuggestions: () => httpSuggestions.suggest(), setup, diagnostics: () => diagnostics.bundle() },
    }),
    (method, error) => log.error(`${method}: ${(error as Error).stack ?? error}`),
  );

  return {
    dataDir: options.dataDir,
    dispatch,
    notices,
    subscribe: (listener) => live.subscribe(listener),
    status: () => assembler.status(),
    trayLines: () => assembler.trayLines(),
    collectOnce: (ids) => oneShotStatus(ids),
    modelProbes,
    alerts,
    incidents,
    notifications,
    actions,
    snapshots,
    logs,
    diagnostics: () => diagnostics.bundle(),
    settings: () => loaded.settings,
    inventory: readInventory,
    runbooks: { catalog: runbookSystem.catalog, runs: runbookSystem.runs },
    startRunbook(runbookId, trigger) {
      runbookSystem.catalog.refresh();
      const runbook = runbookSystem.catalog.get(runbookId);
      if (!runbook) throw new NotFoundError(`No valid runbook "${runbookId}" in the library.`);
      return runbookSystem.runs.start({ runbookId, hash: runbook.hash, params: {}, mode: 'auto', trigger, startedBy: trigger });
    },
    lastRun: (runbookId) => runbookSystem.runs.list({ limit: 1, runbookId })[0] ?? null,
    async start() {
      if (started || stopping) return;
      started = true;
      for (const message of notices) log.warn(message);
      // A run cut short by a crash reads "outcome unknown"; nothing is run again by itself.
      for (const planId of actions.recover()) log.warn(`Emergency action ${planId} was interrupted: its outcome is unknown (see the Emergency page or \`opsbar emergency show ${planId}\`).`);
      runRetention();
      alertTimer = clock.setTimeout(alertTick, ALERT_TICK_MS);
      void readInventory();
      await runner.start(loaded.settings);
      // Stopped while the monitors were starting: schedules would keep a stopped core alive.
      if (!stopping) runbookSystem.start();
    },
    stop() {
      stopping ??= stopWithin(STOP_DEADLINE_MS, log, () => {
        retentionTimer?.cancel();
        alertTimer?.cancel();
        // Probes in flight are aborted, not awaited to their 60 s deadline.
        return Promise.all([logs.stop(), actions.stop(), snapshots.stop(), runbookSystem.stop(), runner.stop(), modelProbes.stop(), notifications.stop()]);
      }).finally(() => {
        probeFile?.close();
        store.close();
      });
      return stopping;
    },
  };
}

/** Runs `stopParts`, waiting at most `deadlineMs` (a real timer: shutdown is the operator's wall time). */
async function stopWithin(deadlineMs: number, log: Logger, stopParts: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadlineMs)));
  const parts = Promise.resolve()
    .then(stopParts)
    .then(
      () => 'stopped' as const,
      (error: unknown) => log.warn(`stopping: ${(error as Error).message}`),
    );
  const result = await Promise.race([parts, late]);
  clearTimeout(timer);
  if (result === 'late') log.warn(`Monitors or runbook steps were still stopping after ${deadlineMs} ms; closing the history anyway.`);
}

function defaultInventoryReader(clock: Clock): () => Promise<HostInventory> {
  return async () => {
    // systeminformation is loaded only here, once: it spawns processes, never in the loop.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readHostInventory } = require('./inventory/hostInventory') as typeof import('./inventory/hostInventory');
    return readHostInventory({ clock });
  };
}
