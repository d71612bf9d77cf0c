import type { SettingsView } from '../../../shared/config/settingsSchema';
import type { MaintenanceWindowView, ScheduleView } from '../../../shared/types/runbooks';
import type { HostInventory } from '../../../shared/types/inventory';
import type { StatusSnapshot } from '../../../shared/types/status';
import type { RunbookCatalog } from '../runbooks/format/runbookCatalog';
import type { RunControl } from '../runbooks/run/runControl';
import type { OpsbarStore } from '../store/opsbarStore';
import type { ModelProbeService } from '../monitors/models/modelProbeService';
import type { ModelProbeRecord } from '../../../shared/types/models';
import { SettingsChangeGate } from '../config/settingsChangeGate';
import { actionApiHandlers, type ActionHandlerDeps } from './actionHandlers';
import { alertApiHandlers, type AlertHandlerDeps } from './alertHandlers';
import { everydayApiHandlers, type EverydayHandlerDeps } from './everydayHandlers';
import { NotFoundError, type ApiHandlers } from './dispatcher';

export interface RunbookHandlerDeps {
  catalog: RunbookCatalog;
  runs: RunControl;
  schedules(): { schedules: ScheduleView[]; maintenance: MaintenanceWindowView };
}

export interface HandlerDeps {
  status(): StatusSnapshot;
  inventory(): Promise<HostInventory>;
  store: OpsbarStore;
  settingsView(): SettingsView;
  /** Writes and applies a patch; the handlers put the confirmation gate and the audit row in front. */
  updateSettings(patch: Parameters<ApiHandlers['settings.update']>[0]): Promise<SettingsView>;
  /** The core's clock (proposals expire); Date.now when not given. */
  now?(): number;
  warn?(message: string): void;
  runbooks: RunbookHandlerDeps;
  modelProbes: ModelProbeService;
  /** Stored probes of one (endpoint, model), oldest first. */
  probeHistory(query: { endpoint: string; model: string; from: number; to: number; limit: number }): ModelProbeRecord[];
  /** Alerts, silences, incidents, notifications, audit. */
  alerting: AlertHandlerDeps;
  /** Emergency actions and stack snapshots. */
  emergency: ActionHandlerDeps;
  /** Logs, HTTP checks, first run, diagnostics. */
  everyday: Omit<EverydayHandlerDeps, 'status'>;
}

/** The core's handler table: one line per contract method, served over IPC and HTTP alike. */
export function createApiHandlers(deps: HandlerDeps): ApiHandlers {
  const { catalog, runs } = deps.runbooks;
  const settingsGate = new SettingsChangeGate({
    settings: () => deps.settingsView().settings,
    apply: (patch) => deps.updateSettings(patch),
    addAudit: (entry) => deps.store.addAudit(entry),
    now: () => (deps.now ? deps.now() : Date.now()),
    warn: deps.warn,
  });
  return {
    'status.get': () => deps.status(),
    'inventory.get': () => deps.inventory(),
    'docker.stacks': () => deps.status().docker,
    'gpu.snapshot': () => deps.status().gpu,
    'models.snapshot': () => deps.status().models,
    'models.probe': (p) => {
      const { started, skipped } = deps.modelProbes.probeNow(p);
      return { started, skipped };
    },
    'models.probes': (p) => deps.probeHistory(p),
    'history.query': (p) => deps.store.query(p.series, p.from, p.to, p.maxPoints),
    'history.series': (p) => deps.store.listSeries(p.prefix),
    'events.list': (p) => deps.store.listEvents({ limit: p.limit, beforeId: p.beforeId, subject: p.subject }),
    'settings.get': () => deps.settingsView(),
    'settings.update': (patch, context) => settingsGate.update(patch, context),
    'settings.propose': (p, context) => settingsGate.propose(p.patch, context),
    'settings.confirm': (p, context) => settingsGate.confirm(p.changeId, context),
    'settings.cancel': (p, context) => settingsGate.cancel(p.changeId, context),
    'runbooks.list': () => {
      catalog.refresh();
      return catalog.view();
    },
    'runbooks.get': (p) => catalog.get(p.id) ?? notFoundRunbook(catalog, p.id),
    'runbooks.start': (p) =>
      runs.start({ runbookId: p.id, hash: p.hash, params: p.params, mode: p.mode, trigger: 'operator', startedBy: 'operator' }),
    'runbooks.step': (p) => runs.command(p.runId, p.stepIndex, p.command, p.note),
    'runbooks.cancel': (p) => runs.cancel(p.runId),
    'runbooks.resume': (p) => runs.resume(p.runId),
    'runbooks.run': (p) => runs.get(p.runId),
    'runbooks.runs': (p) => runs.list({ limit: p.limit, runbookId: p.runbookId, beforeId: p.beforeId }),
    'runbooks.schedules': () => deps.runbooks.schedules(),
    ...alertApiHandlers(deps.alerting),
    ...actionApiHandlers(deps.emergency),
    ...everydayApiHandlers({ ...deps.everyday, status: deps.status }),
  };
}

function notFoundRunbook(catalog: RunbookCatalog, id: string): never {
  const invalid = catalog.view().invalid.find((entry) => entry.id === id);
  if (invalid) throw new NotFoundError(`Runbook "${id}" (${invalid.file}) has errors and cannot be shown or run: ${invalid.problems[0]?.message ?? 'see the library'}.`);
  throw new NotFoundError(`No runbook "${id}" in the library.`);
}
