import type { HttpCheckSuggestion } from '../../../../shared/types/http';
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { StatusSnapshot } from '../../../../shared/types/status';

export interface HttpSuggestionDeps {
  settings(): Settings;
  status(): Promise<StatusSnapshot>;
  fetch: typeof fetch;
}

// FOUNDATION STUB — the http helper replaces this file.
/** One check per model-server endpoint, one per container port answering /health. */
export function createHttpSuggestions(_deps: HttpSuggestionDeps): { suggest(): Promise<HttpCheckSuggestion[]> } {
  return { suggest: async () => [] };
}
