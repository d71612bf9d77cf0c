/** Snapshots built by hand for the pure parts (checks, tray lines, text). */
import type { ModelEndpoint, ModelsSnapshot, ModelView } from '../../../../shared/types/models';

export function model(name: string, overrides: Partial<ModelView> = {}): ModelView {
  return { name, loaded: true, sizeBytes: 5e9, vramBytes: 5e9, expiresAt: null, contextLength: null, details: {}, gpus: [], targetTokensPerSecond: 30, lastProbe: null, recentDecode: [], severity: 'ok', ...overrides };
}

export function endpoint(port: number, overrides: Partial<ModelEndpoint> = {}): ModelEndpoint {
  return {
    url: `http://127.0.0.1:${port}`,
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

export function down(port: number, source: ModelEndpoint['source'], overrides: Partial<ModelEndpoint> = {}): ModelEndpoint {
  return endpoint(port, {
    source,
    state: source === 'configured' ? 'down' : 'gone',
    up: false,
    latencyMs: null,
    error: `http://127.0.0.1:${port}/api/tags refused the connection: nothing is listening there.`,
    ...overrides,
  });
}

export function snapshotOf(endpoints: ModelEndpoint[]): ModelsSnapshot {
  return { at: 1_700_000_000_000, state: 'ok', error: null, endpoints, nextDetectionAt: null };
}
