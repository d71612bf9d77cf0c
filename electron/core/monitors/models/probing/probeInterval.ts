/**
 * How often an endpoint's loaded models are probed on schedule. An endpoint's `probe` setting is
 * `false` (never on schedule; "Probe now" still works), `true` (the default interval), a number
 * of minutes, or `{ intervalMinutes?, enabled? }`; unset means `models.probeIntervalMinutes`.
 *
 *   resolveProbeInterval(settings.models.endpoints[i]?.probe, settings.models.probeIntervalMinutes) // → 30
 */
import type { z } from 'zod';
import type { modelEndpointSchema } from '../../../../../shared/config/modelsSettingsSchema';

export type EndpointProbeSetting = z.output<typeof modelEndpointSchema>['probe'];

/** Minutes between scheduled probes; 0 = only when asked. */
export function resolveProbeInterval(setting: EndpointProbeSetting, defaultMinutes: number): number {
  if (setting === undefined || setting === true) return defaultMinutes;
  if (setting === false) return 0;
  if (typeof setting === 'number') return setting;
  if (setting.enabled === false) return 0;
  return setting.intervalMinutes ?? defaultMinutes;
}
