import { settingsPatchSchema, type SettingsView } from '../../config/settingsSchema';
import { method, noPayload } from './method';

export const settingsMethods = {
  'settings.get': method<SettingsView>()(noPayload),
  'settings.update': method<SettingsView>()(settingsPatchSchema),
} as const;
