import type { GpuSnapshot } from '../../../../shared/types/gpu';
import type { MonitorModule } from '../monitorModule';
import { gpuAlertConditions } from './gpuAlertConditions';
import { gpuChecks } from './gpuChecks';
import { GpuCollector } from './gpuCollector';
import { GPU_SERIES } from './gpuSamples';
import type { GpuSource } from './gpuSource';
import { gpuText } from './gpuText';
import { gpuTrayLines } from './gpuTrayLines';

function emptySnapshot(at: number, state: GpuSnapshot['state'], error: string | null): GpuSnapshot {
  return { at, available: false, state, error, source: null, driverVersion: null, devices: [], processes: [], processesNote: null, memoryPressure: null };
}

/**
 * GPU memory and utilisation per GPU and per process: NVIDIA through one long-running
 * nvidia-smi loop (Linux, Windows), Apple Silicon through ioreg (macOS).
 */
export const gpuModule: MonitorModule<'gpu'> = {
  id: 'gpu',
  label: 'GPU',
  enabled: (settings) => settings.gpu.enabled,
  collectionSettings: ({ gpu }) => [gpu.intervalMs, gpu.processIntervalMs, gpu.processQuietMs, gpu.appleIntervalMs, gpu.nvidiaSmiPath, gpu.timeoutMs],
  async createCollector(settings, deps) {
    const gpu = settings.gpu;
    let source: GpuSource;
    if (process.platform === 'darwin') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createAppleGpuSource } = require('./apple') as typeof import('./apple');
      source = createAppleGpuSource({ runner: deps.commands, clock: deps.clock, timeoutMs: gpu.timeoutMs });
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createNvidiaGpuSource } = require('./nvidia') as typeof import('./nvidia');
      source = createNvidiaGpuSource({
        nvidiaSmiPath: gpu.nvidiaSmiPath,
        intervalMs: gpu.intervalMs,
        processIntervalMs: gpu.processIntervalMs,
        processQuietMs: gpu.processQuietMs,
        timeoutMs: gpu.timeoutMs,
        runner: deps.commands,
        clock: deps.clock,
      });
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createGpuProcessEnricher } = require('./processes') as typeof import('./processes');
    const enricher = createGpuProcessEnricher({ getDockerApi: () => deps.docker.current().api, clock: deps.clock });
    const intervalMs = process.platform === 'darwin' ? gpu.appleIntervalMs : gpu.intervalMs;
    return new GpuCollector({ source, enrich: (raw) => enricher.enrich(raw), clock: deps.clock, intervalMs });
  },
  assess({ snapshot, error, enabled, settings, at }) {
    if (!enabled) return { snapshot: emptySnapshot(at, 'disabled', 'GPU monitoring is turned off in the config (gpu.enabled: false).'), checks: [] };
    if (!snapshot || error) {
      if (!error) return { snapshot: emptySnapshot(at, 'unknown', 'Not checked yet'), checks: [{ id: 'gpu', label: 'GPU', severity: 'unknown', summary: 'Not checked yet' }] };
      const failed = emptySnapshot(at, 'unknown', error);
      return { snapshot: failed, checks: gpuChecks(failed, settings.gpu) };
    }
    return { snapshot, checks: gpuChecks(snapshot, settings.gpu) };
  },
  alertConditions: ({ snapshot, checks }, settings) => gpuAlertConditions(snapshot, checks, settings),
  trayLines: gpuTrayLines,
  text: (snapshot, purpose) => (purpose === 'alone' || snapshot.state === 'ok' ? gpuText(snapshot) : null),
  series: GPU_SERIES,
};
