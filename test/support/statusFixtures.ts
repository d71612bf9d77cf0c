// Status builders shared by core, shell and renderer tests.
import type { LiveMessage } from '../../shared/api/live';
import type { GpuSnapshot } from '../../shared/types/gpu';
import type { ModelEndpoint, ModelsSnapshot } from '../../shared/types/models';
import type { StatusSnapshot } from '../../shared/types/status';

/** The GPU section of a host without GPUs. */
export function noGpuSnapshot(at = 1, overrides: Partial<GpuSnapshot> = {}): GpuSnapshot {
  return {
    at,
    available: false,
    state: 'unavailable',
    error: 'No NVIDIA GPU: nvidia-smi not found',
    source: null,
    driverVersion: null,
    devices: [],
    processes: [],
    processesNote: null,
    memoryPressure: null,
    ...overrides,
  };
}

/** The models section of a host without model servers. */
export function noModelsSnapshot(at = 1, overrides: Partial<ModelsSnapshot> = {}): ModelsSnapshot {
  return { at, state: 'ok', error: null, endpoints: [], nextDetectionAt: null, ...overrides };
}

/** An answering autodetected Ollama at `url` with nothing loaded: the base every model test builds on. */
export function upModelEndpoint(url: string, overrides: Partial<ModelEndpoint> = {}): ModelEndpoint {
  const port = new URL(url).port;
  return {
    url,
    name: `Ollama :${port}`,
    kind: 'ollama',
    kindLabel: 'Ollama',
    version: '0.5.7',
    source: 'autodetected',
    state: 'up',
    up: true,
    latencyMs: 12,
    error: null,
    lastSeenAt: 1_700_000_000_000,
    container: null,
    models: [],
    slots: null,
    rates: null,
    notes: [],
    probe: { intervalMinutes: 30, inFlight: null, lastFailure: null },
    lastProbe: null,
    severity: 'ok',
    ...overrides,
  };
}

/** A live status message carrying the whole status, as the core sends it first. */
export function fullStatusMessage(status: StatusSnapshot): Extract<LiveMessage, { type: 'status' }> {
  const { at, overall, checks, maintenance, ...modules } = status;
  const readAt = Object.fromEntries(Object.entries(modules).flatMap(([id, m]) => (m && typeof m.at === 'number' ? [[id, m.at]] : [])));
  return { type: 'status', head: { at, overall, checks, ...(maintenance ? { maintenance } : {}) }, modules, full: true, readAt };
}

/** A status with nothing read yet: no checks, no system sample, Docker and GPUs unavailable. */
export function emptyStatus(at = 1): StatusSnapshot {
  return {
    at,
    overall: 'ok',
    checks: [],
    system: null,
    docker: { at, available: false, endpoint: null, error: 'none', engineVersion: null, stacks: [] },
    gpu: noGpuSnapshot(at),
    models: noModelsSnapshot(at),
    http: { at, checks: [] },
  };
}
