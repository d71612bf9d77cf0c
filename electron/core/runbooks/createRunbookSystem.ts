import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LiveMessage } from '../../../shared/api/live';
import type { Settings } from '../../../shared/config/settingsSchema';
import type { NewOpsEvent } from '../../../shared/types/events';
import type { MaintenanceWindowView, RunDetail, ScheduleView } from '../../../shared/types/runbooks';
import type { StatusSnapshot } from '../../../shared/types/status';
import { resourcePaths } from '../resourcePaths';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { DockerClientProvider } from '../monitors/docker/dockerClientProvider';
import type { OpsbarStore } from '../store/opsbarStore';
import type { ActionOutcome } from '../../../shared/types/actions';
import type { ActionSystem } from '../actions/actionSystem';
import { actionRegistry } from './actions/actionRegistry';
import { createEmergencyActions } from './actions/emergencyActions';
import { EmergencyRunPlans } from './actions/emergencyRunPlans';
import { createStatusCheckAction } from './actions/statusCheckAction';
import { createRunbookCatalog, type RunbookCatalog } from './format/runbookCatalog';
import { RunbookRunner } from './run/runbookRunner';
import { createProcessRunner } from '../process/spawnProcessRunner';
import { runbookEventFor } from './runbookEvents';
import { RunbookScheduler, type ScheduledJobRef } from './schedule/runbookScheduler';
import { ScheduleStateFile, scheduleStatePathIn } from './schedule/scheduleStateFile';
import { builtInStepKinds } from './steps/builtInStepKinds';
import { dockerHealthSourceFrom } from './steps/dockerHealthSource';
import { stepKindRegistry } from './steps/registry';
import type { StepServices } from './steps/stepKind';

export interface RunbookSystemOptions {
  dataDir: string;
  settings: () => Settings;
  store: OpsbarStore;
  clock: Clock;
  log: Logger;
  publish(message: LiveMessage): void;
  /** What the `status.check` action judges: the live status (app) or a one-shot snapshot (CLI). */
  status: () => StatusSnapshot | Promise<StatusSnapshot>;
  recordEvent(event: NewOpsEvent): void;
  /** Scheduled runs: the app and `serve` want them, a one-off CLI run does not. */
  scheduling: boolean;
  /** The shipped runbooks (default: `runbooks/` beside package.json). */
  builtinDir?: string;
  /** The Docker client of the current settings (container-health steps). */
  docker: DockerClientProvider;
  /** The emergency action system for `emergency.plan`/`emergency.execute` steps (a getter: it is built after this system). */
  actions?: () => ActionSystem | null;
  /** Live action outcomes, so an execute step streams each item's outcome; returns the unsubscribe. */
  actionProgress?: (listener: (outcome: ActionOutcome) => void) => () => void;
}

export interface RunbookSystem {
  catalog: RunbookCatalog;
  runs: RunbookRunner;
  schedules(): { schedules: ScheduleView[]; maintenance: MaintenanceWindowView };
  /** The maintenance window, for the status and the notifications; null when scheduling is off. */
  maintenance(): MaintenanceWindowView | null;
  /** Settings or files changed: re-read the library and the schedules. */
  reload(): void;
  start(): void;
  stop(): Promise<void>;
}

/** The shipped runbooks: `runbooks/` in a checkout, `<resources>/runbooks` packaged (resourcePaths.ts decides). */
export function builtinRunbookDir(): string {
  return resourcePaths().runbooksDir;
}

/** `~` and `~/x` are the home folder; relative paths are read from the data directory. */
export function userRunbookDir(directory: string, dataDir: string, home = homedir()): string | null {
  const trimmed = directory.trim();
  if (!trimmed) return null;
  if (trimmed === '~') return home;
  if (trimmed.startsWith('~/')) return join(home, trimmed.slice(2));
  return resolve(dataDir, trimmed);
}

/** The runbook part of the core: library, runner and scheduler, wired to the store and the live hub. */
export function createRunbookSystem(options: RunbookSystemOptions): RunbookSystem {
  const kinds = stepKindRegistry(builtInStepKinds);
  const catalogFor = (settings: Settings) =>
    createRunbookCatalog({
      builtinDir: options.builtinDir ?? builtinRunbookDir(),
      userDir: userRunbookDir(settings.runbooks.directory, options.dataDir),
      kinds,
      log: options.log,
    });
  let catalog = catalogFor(options.settings());
  // The runner keeps one catalog object; a changed folder setting swaps what it delegates to.
  const liveCatalog: RunbookCatalog = {
    view: () => catalog.view(),
    get: (id) => catalog.get(id),
    refresh: () => catalog.refresh(),
    checkOnDisk: (runbook) => catalog.checkOnDisk?.(runbook) ?? null,
  };

  const emergency = { system: () => options.actions?.() ?? null, plans: new EmergencyRunPlans(), progress: options.actionProgress };
  const services: StepServices = {
    processes: createProcessRunner(),
    docker: dockerHealthSourceFrom(options.docker, options.clock),
    actions: actionRegistry([createStatusCheckAction(options.status), ...createEmergencyActions(emergency)]),
    fetch: (...args) => fetch(...args),
    clock: { now: () => options.clock.now(), sleep: (ms, signal) => sleep(options.clock, ms, signal) },
    homeDir: homedir(),
  };

  const runs = new RunbookRunner({
    catalog: liveCatalog,
    kinds,
    services,
    store: options.store,
    clock: options.clock,
    publish: options.publish,
    log: options.log,
    dataDir: options.dataDir,
  });

  const report = (event: NewOpsEvent | null) => {
    if (event) options.recordEvent(event);
  };
  const titleOf = (job: ScheduledJobRef) => catalog.get(job.runbookId)?.title ?? job.runbookId;
  const scheduler = options.scheduling
    ? new RunbookScheduler({
        clock: options.clock,
        catalog: liveCatalog,
        runs,
        settings: () => options.settings().runbooks,
        state: new ScheduleStateFile(scheduleStatePathIn(options.dataDir), options.log),
        log: options.log,
        onMissed: (missed) => report(runbookEventFor.missed(missed, titleOf(missed.job), options.clock.now())),
        onSkipped: (skipped) => report(runbookEventFor.skipped(skipped, titleOf(skipped.job), options.clock.now())),
        onFinished: (run: RunDetail) => report(runbookEventFor.finished(run, options.clock.now())),
        onFailedToStart: (failed) => report(runbookEventFor.failedToStart(failed, titleOf(failed.job), options.clock.now())),
        onProblem: (message) => report(runbookEventFor.problem(message, options.clock.now())),
      })
    : null;

  let lastDirectory = options.settings().runbooks.directory;
  return {
    catalog: liveCatalog,
    runs,
    schedules: () => scheduler?.view() ?? { schedules: [], maintenance: { active: false, until: null, nextStartAt: null, cron: '', minutes: 0 } },
    maintenance: () => scheduler?.maintenanceView() ?? null,
    reload() {
      const directory = options.settings().runbooks.directory;
      if (directory !== lastDirectory) {
        lastDirectory = directory;
        catalog.close?.();
        catalog = catalogFor(options.settings());
      } else {
        catalog.refresh();
      }
      scheduler?.reload();
    },
    start() {
      scheduler?.start();
    },
    async stop() {
      scheduler?.stop();
      catalog.close?.();
      await runs.shutdown();
    },
  };
}

function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolveSleep) => {
    if (signal.aborted) return resolveSleep();
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolveSleep();
    }, ms);
    const onAbort = () => {
      timer.cancel();
      resolveSleep();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
