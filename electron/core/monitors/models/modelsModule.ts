import type { ModelsSnapshot } from '../../../../shared/types/models';
import type { MonitorModule, SeriesDoc } from '../monitorModule';
import { modelAlertConditions } from './modelAlertConditions';
import { modelChecks } from './modelChecks';
import { modelsText } from './modelsText';
import { modelTrayLines } from './modelTrayLines';

function emptySnapshot(at: number, state: ModelsSnapshot['state'], error: string | null): ModelsSnapshot {
  return { at, state, error, endpoints: [], nextDetectionAt: null };
}

export const MODEL_SERIES: readonly SeriesDoc[] = [
  { name: 'model.latencyMs:<url>', unit: 'ms', description: "How long the endpoint's passive read took (written only when it answered)." },
  {
    name: 'model.generationTokensPerSecond:<url>',
    unit: 'tokens/s',
    description: "Tokens the server generated per second between two reads, from its /metrics `*_total` counter (vLLM, llama.cpp --metrics); none across a restart.",
  },
];

/**
 * Model servers on the host (Ollama, llama.cpp, LM Studio, vLLM, mlx-lm): configured and
 * autodetected endpoints, what each has loaded, GPU memory per serving process, counter rates,
 * and the probe service's figures. The probes themselves run in the composition root's service.
 */
export const modelsModule: MonitorModule<'models'> = {
  id: 'models',
  label: 'Models',
  enabled: (settings) => settings.models.enabled,
  // Targets are thresholds (they apply at the next assessment); everything else rebuilds the collector.
  collectionSettings: ({ models }) => [models.intervalMs, models.detectIntervalMs, models.autodetect, models.detectPorts, models.endpoints, models.probeIntervalMinutes],
  async createCollector(settings, deps) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ModelsCollector } = require('./modelsCollector') as typeof import('./modelsCollector');
    return new ModelsCollector({ settings: settings.models, env: process.env, clock: deps.clock, probes: deps.modelProbes, peerSnapshot: (id) => deps.peerSnapshot(id) });
  },
  assess({ snapshot, error, enabled, settings, at }) {
    if (!enabled) return { snapshot: emptySnapshot(at, 'disabled', 'Model servers are not watched: models.enabled is false in the config.'), checks: [] };
    if (!snapshot || error) {
      const reason = error ?? 'Not checked yet';
      return { snapshot: emptySnapshot(at, 'unknown', reason), checks: [{ id: 'models', label: 'Models', severity: 'unknown', summary: reason }] };
    }
    return modelChecks(snapshot, settings.models);
  },
  alertConditions: ({ snapshot, checks }) => modelAlertConditions(snapshot, checks),
  trayLines: modelTrayLines,
  // A single reading detects and reads every endpoint once: enough for `opsbar models`.
  oneShot: { readings: 1, gapMs: 0 },
  text: modelsText,
  peers: ['docker', 'gpu'],
  series: MODEL_SERIES,
};
