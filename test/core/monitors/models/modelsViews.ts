/** Snapshots built by hand for the pure parts (checks, tray lines, text). */
import type { ModelEndpoint, ModelsSnapshot, ModelView } from '../../../../shared/types/models';
import { upModelEndpoint } from '../../../support/statusFixtures';

export function model(name: string, overrides: Partial<ModelView> = {}): ModelView {
  return { name, loaded: true, sizeBytes: 5e9, vramBytes: 5e9, expiresAt: null, contextLength: null, details: {}, gpus: [], targetTokensPerSecond: 30, lastProbe: null, recentDecode: [], severity: 'ok', ...overrides };
}

export function endpoint(port: number, overrides: Partial<ModelEndpoint> = {}): ModelEndpoint {
  return upModelEndpoint(`http://127.0.0.1:${port}`, overrides);
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
