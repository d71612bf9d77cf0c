import type { SettingsView } from '../../../shared/config/settingsSchema';
import type { StatusSnapshot } from '../../../shared/types/status';
import type { OpsbarStore } from '../store/opsbarStore';
import type { ApiHandlers } from './dispatcher';

export interface HandlerDeps {
  status(): StatusSnapshot;
  store: OpsbarStore;
  settingsView(): SettingsView;
  updateSettings(patch: Parameters<ApiHandlers['settings.update']>[0]): Promise<SettingsView>;
}

/** The core's handler table: one line per contract method, served over IPC and HTTP alike. */
export function createApiHandlers(deps: HandlerDeps): ApiHandlers {
  return {
    'status.get': () => deps.status(),
    'docker.stacks': () => deps.status().docker,
    'history.query': (p) => deps.store.query(p.series, p.from, p.to, p.maxPoints),
    'history.series': (p) => deps.store.listSeries(p.prefix),
    'events.list': (p) => deps.store.listEvents({ limit: p.limit, beforeId: p.beforeId, subject: p.subject }),
    'settings.get': () => deps.settingsView(),
    'settings.update': (patch) => deps.updateSettings(patch),
  };
}
