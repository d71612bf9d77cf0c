import type { SettingsSchemaView } from '../../../shared/api/contract/settings';

// FOUNDATION STUB — the settings helper replaces this file.
/** Every section's JSON Schema (z.toJSONSchema of the file's own schema), with titles and the guarded fields. */
export function settingsSchemaView(): SettingsSchemaView {
  return { sections: [], guarded: {} };
}
