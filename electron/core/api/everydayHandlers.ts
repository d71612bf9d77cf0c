import type { HttpCheckSuggestion } from '../../../shared/types/http';
import type { DiagnosticsBundle } from '../../../shared/types/diagnostics';
import type { SettingsView } from '../../../shared/config/settingsSchema';
import type { SetupChoice, SetupDetection } from '../../../shared/types/setup';
import type { StatusSnapshot } from '../../../shared/types/status';
import { settingsSchemaView } from '../config/settingsSchemaView';
import type { LogService } from '../logs/logService';
import type { ApiHandlers } from './dispatcher';

type EverydayMethod =
  | 'logs.open'
  | 'logs.keepAlive'
  | 'logs.close'
  | 'http.snapshot'
  | 'http.suggestions'
  | 'setup.detect'
  | 'setup.apply'
  | 'diagnostics.bundle'
  | 'settings.schema';

export interface EverydayHandlerDeps {
  status(): StatusSnapshot;
  logs: LogService;
  httpSuggestions(): Promise<HttpCheckSuggestion[]>;
  setup: { detect(): Promise<SetupDetection>; apply(choice: SetupChoice, actor?: string): Promise<SettingsView> };
  diagnostics(): Promise<DiagnosticsBundle>;
}

/** Container logs, HTTP checks, first run, diagnostics and the settings' schema. */
export function everydayApiHandlers(deps: EverydayHandlerDeps): Pick<ApiHandlers, EverydayMethod> {
  return {
    'logs.open': (p) => deps.logs.open(p),
    'logs.keepAlive': (p) => deps.logs.keepAlive(p.sessionId),
    'logs.close': (p) => deps.logs.close(p.sessionId),
    'http.snapshot': () => deps.status().http,
    'http.suggestions': () => deps.httpSuggestions(),
    'setup.detect': () => deps.setup.detect(),
    'setup.apply': (p, context) => deps.setup.apply(p, context?.caller),
    'diagnostics.bundle': () => deps.diagnostics(),
    'settings.schema': () => settingsSchemaView(),
  };
}
