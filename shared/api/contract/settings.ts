import { z } from 'zod';
import { settingsPatchSchema, type SettingsView } from '../../config/settingsSchema';
import { method, noPayload } from './method';

/** One field a patch would change, with why it matters (guarded fields say what Opsbar would trust or run). */
export interface SettingChange {
  /** `section.field`, e.g. `docker.endpoint`. */
  path: string;
  from: unknown;
  to: unknown;
  /** Set for a guarded field; empty for an ordinary one. */
  why: string;
  guarded: boolean;
}

/** What `settings.propose` answers: confirm it by id, once, before it expires. */
export interface SettingsProposal {
  changeId: string;
  changes: SettingChange[];
  /** Epoch ms after which `settings.confirm` refuses it. */
  expiresAt: number;
}

/** Every settings section as a JSON Schema (the same zod schema that reads the file), for the Settings page's forms. */
export interface SettingsSchemaView {
  sections: {
    id: string;
    /** "Monitoring", "HTTP checks". */
    title: string;
    /** What the section is for, in a sentence. */
    description: string;
    /** JSON Schema (draft 2020-12) of the section as written in the file (input: defaults optional). */
    schema: unknown;
  }[];
  /** `section.field` → why a change needs confirmation (propose → confirm). */
  guarded: Record<string, string>;
}

export const changeIdSchema = z.object({ changeId: z.string().min(1).max(64) }).strict();

/**
 * `settings.update` applies ordinary fields. A field that changes where Opsbar connects or what
 * it executes (docker.endpoint, runbooks.directory, gpu.nvidiaSmiPath) is refused there; it goes
 * through `settings.propose` (nothing applied, the changes described) then `settings.confirm`.
 */
export const settingsMethods = {
  'settings.get': method<SettingsView>()(noPayload),
  'settings.schema': method<SettingsSchemaView>()(noPayload),
  'settings.update': method<SettingsView>()(settingsPatchSchema),
  'settings.propose': method<SettingsProposal>()(z.object({ patch: settingsPatchSchema }).strict()),
  'settings.confirm': method<SettingsView>()(changeIdSchema),
  'settings.cancel': method<{ cancelled: boolean }>()(changeIdSchema),
} as const;
