/**
 * A ProbeCoordinator on a TestClock over a real history file, and loopback fake servers: the
 * probing tests' set-up. Every probe goes to a real socket unless a test wraps `runProbe`.
 */
import { join } from 'node:path';
import { after } from 'node:test';
import type { ObservedEndpoint } from '../../../../../electron/core/monitors/models/modelProbeService';
import { ProbeCoordinator } from '../../../../../electron/core/monitors/models/probing/probeCoordinator';
import type { RunProbe } from '../../../../../electron/core/monitors/models/probing/probeForKind';
import type { ProbeHistoryStore } from '../../../../../electron/core/monitors/models/probing/probeHistoryCache';
import { OpsbarStore } from '../../../../../electron/core/store/opsbarStore';
import type { ModelProbeProgress, ModelProbeRecord, ModelServerKindName } from '../../../../../shared/types/models';
import { eventually } from '../../../../support/eventually';
import { startFakeModelServer, type FakeModelOptions, type FakeModelServer } from '../../../../support/fakeModelServer';
import { tempDir } from '../../../../support/tempDir';
import { TestClock } from '../../../../support/testClock';

const servers: FakeModelServer[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** An Ollama-protocol fake (fast enough to keep tests short, slow enough that probes overlap if allowed). */
export async function fakeServer(options: FakeModelOptions = {}): Promise<FakeModelServer> {
  const server = await startFakeModelServer({ protocol: 'ollama', tokensPerSecond: 400, ...options });
  servers.push(server);
  return server;
}

export function observed(server: { url: string }, over: Partial<ObservedEndpoint> = {}): ObservedEndpoint {
  const port = new URL(server.url).port;
  const kind: ModelServerKindName = over.kind ?? 'ollama';
  return { url: server.url, name: `Ollama :${port}`, kind, apiKey: null, intervalMinutes: 30, loadedModels: ['qwen3:8b'], availableModels: ['qwen3:8b', 'qwen3:32b'], ...over };
}

export interface Harness {
  clock: TestClock;
  store: OpsbarStore;
  probes: ProbeCoordinator;
  progress: ModelProbeProgress[];
  warnings: string[];
  phases(phase: ModelProbeProgress['phase']): ModelProbeProgress[];
  /** Waits until this many probes have ended (finished or failed). */
  ended(count: number): Promise<void>;
}

export function harness(options: { role?: 'app' | 'cli'; runProbe?: RunProbe; timeoutMs?: number; history?: (store: OpsbarStore) => ProbeHistoryStore; file?: string } = {}): Harness {
  const clock = new TestClock();
  const { store } = OpsbarStore.open(options.file ?? join(tempDir('opsbar-probing-'), 'opsbar.db'), { now: () => clock.now() });
  const progress: ModelProbeProgress[] = [];
  const warnings: string[] = [];
  const probes = new ProbeCoordinator({
    clock,
    log: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
    role: options.role ?? 'app',
    timeoutMs: () => options.timeoutMs ?? 30_000,
    history: options.history?.(store) ?? { reader: () => store.probes, add: (record) => store.probes.add(record) },
    publish: (p) => progress.push(p),
    runProbe: options.runProbe,
  });
  cleanups.push(async () => {
    await probes.stop();
    store.close();
  });
  const phases = (phase: ModelProbeProgress['phase']) => progress.filter((p) => p.phase === phase);
  return {
    clock,
    store,
    probes,
    progress,
    warnings,
    phases,
    ended: async (count) => void (await eventually(`${count} probes to end`, () => phases('finished').length + phases('failed').length >= count)),
  };
}

/** The model each request to the fake asked for, in order. */
export const askedModels = (server: FakeModelServer) => server.requests.map((r) => r.body.model);

/** A stored probe as the store would hold it (figures plain, for seeding the history). */
export function storedProbe(endpoint: string, model: string, at: number, decodeTokensPerSecond: number | null = 40): ModelProbeRecord {
  return {
    endpoint,
    model,
    at,
    ttftMs: 100,
    decodeTokensPerSecond,
    prefillTokensPerSecond: 500,
    completionTokens: 64,
    promptTokens: 24,
    totalMs: 1700,
    source: 'client',
    estimated: false,
    cold: false,
    client: { ttftMs: 100, decodeTokensPerSecond, prefillTokensPerSecond: 500, tokenChunks: 64 },
    server: null,
    trigger: 'schedule',
  };
}
