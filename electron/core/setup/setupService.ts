import type { SettingsPatch, SettingsView } from '../../../shared/config/settingsSchema';
import type { HostInventory } from '../../../shared/types/inventory';
import type { SetupChoice, SetupDetection } from '../../../shared/types/setup';
import type { StatusSnapshot } from '../../../shared/types/status';

export interface SetupDeps {
  configPath: string;
  /** True when config.yaml does not exist yet. */
  firstRun(): boolean;
  /** A one-shot reading of every module (Docker, GPU, models, system) with the current settings. */
  collect(): Promise<StatusSnapshot>;
  inventory(): Promise<HostInventory>;
  /** Writes the first config (creates config.yaml) and applies it; audited by the caller. */
  writeSettings(patch: SettingsPatch): Promise<SettingsView>;
  platform: NodeJS.Platform;
}

// FOUNDATION STUB — the first-run helper replaces this file.
export function createSetupService(_deps: SetupDeps): { detect(): Promise<SetupDetection>; apply(choice: SetupChoice): Promise<SettingsView> } {
  return {
    detect: () => Promise.reject(new Error('not implemented')),
    apply: () => Promise.reject(new Error('not implemented')),
  };
}
