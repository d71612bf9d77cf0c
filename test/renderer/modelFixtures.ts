// Model-server data for component tests: an Ollama with two loaded models on a GPU, a llama.cpp
// in a container, and a configured vLLM that does not answer.
import assert from 'node:assert/strict';
import { screen } from '@testing-library/react';
import type { ProbeNowResult } from '../../shared/api/contract/models';
import type { LiveMessage } from '../../shared/api/live';
import type { ModelEndpoint, ModelProbeProgress, ModelProbeRecord, ModelsSnapshot, ModelView } from '../../shared/types/models';
import type { FakeHandlers } from './fakeTransport';
import { upModelEndpoint } from '../support/statusFixtures';
import { NOW, statusSnapshot } from './fixtures';

const GB = 1024 ** 3;
export const OLLAMA = 'http://127.0.0.1:11434';
export const LLAMACPP = 'http://127.0.0.1:8080';
export const VLLM = 'http://10.0.0.7:8000';
export const HOSTILE_MODEL = '<img src=x onerror=alert(1)>:latest';

export function probeRecord(overrides: Partial<ModelProbeRecord> = {}): ModelProbeRecord {
  const decode = overrides.decodeTokensPerSecond === undefined ? 42.4 : overrides.decodeTokensPerSecond;
  return {
    endpoint: OLLAMA,
    model: 'qwen3:8b',
    // Relative times are measured against the real clock.
    at: Date.now() - 5 * 60_000,
    ttftMs: 182,
    decodeTokensPerSecond: decode,
    prefillTokensPerSecond: 610,
    completionTokens: 64,
    promptTokens: 24,
    totalMs: 1_690,
    source: 'client',
    estimated: false,
    cold: false,
    client: { ttftMs: 182, decodeTokensPerSecond: decode, prefillTokensPerSecond: 610, tokenChunks: 64 },
    server: { kind: 'ollama', decodeTokensPerSecond: 43.1, prefillTokensPerSecond: 655, evalCount: 64, evalMs: 1_485, promptEvalCount: 24, promptEvalMs: 37, loadMs: 12, totalMs: 1_560 },
    trigger: 'schedule',
    ...overrides,
  };
}

export function modelView(overrides: Partial<ModelView> & { name: string }): ModelView {
  return {
    loaded: true,
    sizeBytes: 6.2 * GB,
    vramBytes: 6.2 * GB,
    expiresAt: new Date(Date.now() + 4 * 60_000 + 10_000).toISOString(),
    contextLength: 40_960,
    details: { family: 'qwen3', parameter_size: '8.2B', quantization_level: 'Q4_K_M' },
    gpus: [{ gpuIndex: 0, memoryBytes: 6.9 * GB, pid: 3100 }],
    targetTokensPerSecond: 30,
    lastProbe: probeRecord({ model: overrides.name }),
    recentDecode: [42.4, 41.8],
    severity: 'ok',
    ...overrides,
  };
}

export function modelEndpoint(overrides: Partial<ModelEndpoint> & { url: string }): ModelEndpoint {
  return upModelEndpoint(overrides.url, { name: 'Ollama :11434', latencyMs: 3.2, lastSeenAt: NOW, ...overrides });
}

/** Twelve models the Ollama can serve but has not loaded. */
const AVAILABLE = Array.from({ length: 12 }, (_, i) => modelView({ name: `library-model-${i + 1}:7b`, loaded: false, vramBytes: null, expiresAt: null, gpus: [], lastProbe: null, recentDecode: [] }));

export function ollamaEndpoint(overrides: Partial<ModelEndpoint> = {}): ModelEndpoint {
  const models = [
    modelView({ name: 'qwen3:8b' }),
    modelView({
      name: 'llama3.1:70b',
      sizeBytes: 42 * GB,
      vramBytes: 40 * GB,
      gpus: [{ gpuIndex: 1, memoryBytes: 41.5 * GB, pid: 3100 }],
      targetTokensPerSecond: 12,
      lastProbe: probeRecord({ model: 'llama3.1:70b', decodeTokensPerSecond: 9.1, ttftMs: 640 }),
      recentDecode: [9.1, 8.7],
      severity: 'warning',
    }),
    ...AVAILABLE,
  ];
  return modelEndpoint({ url: OLLAMA, models, lastProbe: models[0].lastProbe, ...overrides });
}

export function llamacppEndpoint(overrides: Partial<ModelEndpoint> = {}): ModelEndpoint {
  const record = probeRecord({
    endpoint: LLAMACPP,
    model: 'Qwen2.5-7B-Instruct-Q4_K_M.gguf',
    decodeTokensPerSecond: 88.6,
    server: { kind: 'llama.cpp', decodeTokensPerSecond: 89.9, prefillTokensPerSecond: 1_210, predictedTokens: 64, promptTokens: 24, cachedTokens: 12, predictedMs: 712, promptMs: 19.8 },
  });
  return modelEndpoint({
    url: LLAMACPP,
    name: 'llama.cpp :8080',
    kind: 'llamacpp',
    kindLabel: 'llama.cpp',
    version: 'b4410',
    container: { name: 'llm-llamacpp-1', stack: 'llm' },
    models: [modelView({ name: 'Qwen2.5-7B-Instruct-Q4_K_M.gguf', sizeBytes: null, vramBytes: null, expiresAt: null, details: {}, gpus: [], lastProbe: record })],
    slots: { busy: 1, idle: 3 },
    rates: { generationTokensPerSecond: 71.2, promptTokensPerSecond: 340, requestsRunning: 1 },
    lastProbe: record,
    ...overrides,
  });
}

export function vllmDown(): ModelEndpoint {
  return modelEndpoint({
    url: VLLM,
    name: 'vLLM on gpu-box',
    kind: 'vllm',
    kindLabel: 'vLLM',
    version: null,
    source: 'configured',
    state: 'down',
    up: false,
    latencyMs: null,
    error: 'http://10.0.0.7:8000 refused the connection: is vLLM running? Start it, or remove the endpoint from models.endpoints in config.yaml.',
    severity: 'critical',
  });
}

export function modelsSnapshot(overrides: Partial<ModelsSnapshot> = {}): ModelsSnapshot {
  return { at: NOW, state: 'ok', error: null, endpoints: [ollamaEndpoint(), llamacppEndpoint(), vllmDown()], nextDetectionAt: NOW + 4 * 60_000, ...overrides };
}

/** Stored probes of qwen3:8b over the last hour: warm ones around 42 tok/s, one cold (the first). */
export function storedProbes(endpoint = OLLAMA, model = 'qwen3:8b'): ModelProbeRecord[] {
  const now = Date.now();
  return [
    probeRecord({ endpoint, model, at: now - 50 * 60_000, cold: true, ttftMs: 2_450, decodeTokensPerSecond: 38.2, trigger: 'schedule' }),
    probeRecord({ endpoint, model, at: now - 30 * 60_000, ttftMs: 190, decodeTokensPerSecond: 41.6 }),
    probeRecord({ endpoint, model, at: now - 10 * 60_000, ttftMs: 176, decodeTokensPerSecond: 43.9 }),
  ];
}

export interface ModelHandlerOptions {
  probes?: (payload: { endpoint: string; model: string; from: number; to: number }) => ModelProbeRecord[];
  probeNow?: (payload: { endpoint?: string; model?: string }) => ProbeNowResult | Promise<ProbeNowResult>;
}

/** The fake core's model answers: the snapshot (also inside the status), stored probes, Probe now. */
export function modelHandlers(models: ModelsSnapshot = modelsSnapshot(), options: ModelHandlerOptions = {}): FakeHandlers {
  return {
    'models.snapshot': () => models,
    'status.get': () => ({ ...statusSnapshot(), models }),
    'models.probes': (p) => (options.probes ? options.probes(p) : p.endpoint === OLLAMA && p.model === 'qwen3:8b' ? storedProbes() : []),
    'models.probe': (p) =>
      options.probeNow ? options.probeNow(p) : { started: [{ endpoint: p.endpoint ?? OLLAMA, model: p.model ?? 'qwen3:8b' }], skipped: [] },
  };
}

export function probeMessage(progress: ModelProbeProgress): Extract<LiveMessage, { type: 'model-probe' }> {
  return { type: 'model-probe', progress };
}

/** A live status message that changed only the models module. */
export function modelsStatusMessage(models: ModelsSnapshot): Extract<LiveMessage, { type: 'status' }> {
  const status = statusSnapshot();
  return { type: 'status', head: { at: models.at, overall: status.overall, checks: status.checks }, modules: { models }, full: false, readAt: { models: models.at } };
}

/** An endpoint's card (its panel, titled with the endpoint's name), found by waiting for it; by text, as role queries over the whole app are slow in jsdom. */
export async function endpointCard(name: string): Promise<HTMLElement> {
  const title = await screen.findByText(name, { selector: '.panel-head h2' });
  const panel = title.closest('section');
  assert.ok(panel instanceof HTMLElement);
  return panel;
}
