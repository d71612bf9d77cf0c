import type { SettingsView } from '../../../shared/config/settingsSchema';
import type { DiagnosticsBundle } from '../../../shared/types/diagnostics';
import type { StatusSnapshot } from '../../../shared/types/status';
import type { OpsbarStore } from '../store/opsbarStore';
import type { AlertSystem } from '../alerts/alertSystem';
import type { ActionSystem } from '../actions/actionSystem';
import type { RecentError } from './recentErrors';

export interface DiagnosticsDeps {
  now(): number;
  /** The settings view as in effect (webhook URLs already redacted: redact again, never trust it). */
  settingsView(): SettingsView;
  /** The live status (app), or a one-shot reading (CLI). */
  status(): Promise<StatusSnapshot>;
  store(): OpsbarStore;
  databasePath: string;
  alerts: AlertSystem;
  actions: ActionSystem;
  recentErrors(): RecentError[];
  electronVersion: string | null;
}

// FOUNDATION STUB — the diagnostics helper replaces this file.
export function createDiagnostics(_deps: DiagnosticsDeps): { bundle(): Promise<DiagnosticsBundle> } {
  return { bundle: () => Promise.reject(new Error('not implemented')) };
}
