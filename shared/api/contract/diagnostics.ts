import type { DiagnosticsBundle } from '../../types/diagnostics';
import { method, noPayload } from './method';

export const diagnosticsMethods = {
  /** Versions, settings with secrets removed, the last status, recent events and errors, the store's health. */
  'diagnostics.bundle': method<DiagnosticsBundle>()(noPayload),
} as const;
