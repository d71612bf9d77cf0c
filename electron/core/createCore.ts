import { join } from 'node:path';
import type { Settings, SettingsPatch, SettingsView } from '../../shared/config/settingsSchema';
import type { NewOpsEvent, OpsEvent } from '../../shared/types/events';
import type { StatusSnapshot } from '../../shared/types/status';
import { createApiDispatcher, NotFoundError } from './api/dispatcher';
import { createApiHandlers } from './api/handlers';
import { systemClock, type Clock } from './clock';
import { CollectorScheduler, type CollectorResult } from './monitors/collectorScheduler';
import { buildCollectors, builtInCollectors, type CollectorFactory } from './monitors/registry';
import { configPathIn, loadConfigFile, updateConfigFile } from './config/configFile';
import { LiveHub } from './liveHub';
import { consoleLogger, type Logger } from './logger';
import { MonitorState } from './monitorState';
import type { OpsbarCore } from './opsbarCore';
import { checkTransitionEvents } from './status/checkTransitions';
import { createRunbookSystem } from './runbooks/createRunbookSystem';
import { OpsbarStore } from './store/opsbarStore';

export interface CreateCoreOptions {
  dataDir: string;
  log?: Logger;
  clock?: Clock;
  /** Path of a better-sqlite3 binary built for Electron's ABI (the shell passes it). */
  sqliteNativeBinding?: string;
  /** Replaces the built-in monitors (tests). */
  collectorFactories?: CollectorFactory[];
  /** Replaces the shipped runbooks folder (tests). */
  builtinRunbookDir?: string;
}

export const DATABASE_FILE_NAME = 'opsbar.db';
const RETENTION_INTERVAL_MS = 60 * 60_000;

/** The one composition root of the core: config, store, monitors, status, API. */
export function createOpsbarCore(options: CreateCoreOptions): OpsbarCore {
  const log = options.log ?? consoleLogger;
  const clock = options.clock ?? systemClock;
  const factories = options.collectorFactories ?? builtInCollectors;
  const configPath = configPathIn(options.dataDir);
  const notices: string[] = [];

  let loaded = loadConfigFile(configPath);
  for (const p of loaded.problems) notices.push(`Config ${p.path}: ${p.message}`);

  const { store, notice } = OpsbarStore.open(join(options.dataDir, DATABASE_FILE_NAME), {
    now: () => clock.now(),
    nativeBinding: options.sqliteNativeBinding,
  });
  if (notice.kind === 'corrupt-moved-aside') notices.push(notice.message);

  const live = new LiveHub();
  let runbooks: ReturnType<typeof createRunbookSystem> | null = null;
  const maintenance = () => {
    const window = runbooks?.maintenance();
    return window ? { active: window.active, until: window.until, silenceNonCritical: loaded.settings.runbooks.maintenanceWindow.silenceNonCritical } : null;
  };
  const state = new MonitorState(loaded.settings, () => clock.now(), maintenance);
  let previousChecks: StatusSnapshot['checks'] | null = null;
  let lastPublished = '';

  const recordEvent = (event: NewOpsEvent): void => {
    let stored: OpsEvent;
    try {
      stored = store.addEvent(event);
    } catch (error) {
      log.warn(`event not saved (${(error as Error).message}): ${event.kind} ${event.subject}`);
      stored = { ...event, id: 0 };
    }
    live.publish({ type: 'event', event: stored });
  };

  const publishStatus = (status: StatusSnapshot): void => {
    for (const event of checkTransitionEvents(previousChecks, status.checks, status.at)) recordEvent(event);
    previousChecks = status.checks;
    // Only the parts an observer sees: a new timestamp alone is not news.
    const fingerprint = JSON.stringify({ ...status, at: 0, system: status.system && { ...status.system, at: 0 }, docker: { ...status.docker, at: 0 } });
    if (fingerprint === lastPublished) return;
    lastPublished = fingerprint;
    live.publish({ type: 'status', status });
  };

  const onResult = (result: CollectorResult): void => {
    if (result.output) store.writeSamples(result.output.samples);
    const health = store.health();
    state.setStoreError(health.writable ? null : health.lastError);
    publishStatus(state.applyResult(result));
  };

  let scheduler: CollectorScheduler | null = null;
  const startCollectors = async (settings: Settings): Promise<void> => {
    scheduler = new CollectorScheduler(clock, { onResult, onEvent: recordEvent }, log);
    await scheduler.start(buildCollectors(factories, settings, { clock, log }));
  };

  let retentionTimer: { cancel(): void } | null = null;
  const runRetention = (): void => {
    try {
      store.runRetention(loaded.settings.retention, clock.now());
    } catch (error) {
      log.warn(`retention pass failed: ${(error as Error).message}`);
    }
    retentionTimer = clock.setTimeout(runRetention, RETENTION_INTERVAL_MS);
  };

  const settingsView = (): SettingsView => ({ settings: loaded.settings, configPath, problems: loaded.problems });

  const updateSettings = async (patch: SettingsPatch): Promise<SettingsView> => {
    const before = loaded.settings;
    loaded = updateConfigFile(configPath, patch);
    publishStatus(state.setSettings(loaded.settings));
    if (JSON.stringify(before.runbooks) !== JSON.stringify(loaded.settings.runbooks)) runbookSystem.reload();
    const restart = JSON.stringify([before.monitoring, before.docker, before.disks]) !== JSON.stringify([loaded.settings.monitoring, loaded.settings.docker, loaded.settings.disks]);
    if (restart && scheduler) {
      await scheduler.stop();
      await startCollectors(loaded.settings);
    }
    return settingsView();
  };

  runbooks = createRunbookSystem({
    dataDir: options.dataDir,
    settings: () => loaded.settings,
    store,
    clock,
    log,
    publish: (message) => live.publish(message),
    status: () => state.status(),
    recordEvent,
    scheduling: true,
    builtinDir: options.builtinRunbookDir,
  });
  const runbookSystem = runbooks;

  const dispatch = createApiDispatcher(
    createApiHandlers({ status: () => state.status(), store, settingsView, updateSettings, runbooks: runbookSystem }),
    (method, error) => log.error(`${method}: ${(error as Error).stack ?? error}`),
  );

  let started = false;
  return {
    dataDir: options.dataDir,
    dispatch,
    notices,
    subscribe: (listener) => live.subscribe(listener),
    status: () => state.status(),
    startRunbook(runbookId, trigger) {
      runbookSystem.catalog.refresh();
      const runbook = runbookSystem.catalog.get(runbookId);
      if (!runbook) throw new NotFoundError(`No valid runbook "${runbookId}" in the library.`);
      return runbookSystem.runs.start({ runbookId, hash: runbook.hash, params: {}, mode: 'auto', trigger, startedBy: trigger });
    },
    lastRun: (runbookId) => runbookSystem.runs.list({ limit: 1, runbookId })[0] ?? null,
    async start() {
      if (started) return;
      started = true;
      for (const message of notices) log.warn(message);
      runRetention();
      await startCollectors(loaded.settings);
      runbookSystem.start();
    },
    async stop() {
      retentionTimer?.cancel();
      await runbookSystem.stop();
      await scheduler?.stop();
      scheduler = null;
      store.close();
    },
  };
}
