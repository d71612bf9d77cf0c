/**
 * Shared set-up of the models module tests: settings, a collector over real loopback fakes with
 * the test clock, a probe service that records what it was told, peers' snapshots by hand.
 */
import type { z } from 'zod';
import { modelsSchema } from '../../../../shared/config/modelsSettingsSchema';
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { DockerSnapshot } from '../../../../shared/types/docker';
import type { GpuSnapshot } from '../../../../shared/types/gpu';
import type { ModelProbeRecord } from '../../../../shared/types/models';
import type { ModuleId, ModuleSnapshots } from '../../../../shared/types/status';
import { type ModelProbeService, noProbes, type ObservedEndpoint } from '../../../../electron/core/monitors/models/modelProbeService';
import { ModelsCollector } from '../../../../electron/core/monitors/models/modelsCollector';
import { boundedGetFor } from '../../../../electron/core/monitors/models/servers/boundedGet';
import { HANG_GUARD_MS } from '../../../support/eventually';
import { startFakeModelServer, type FakeModelServer } from '../../../support/fakeModelKinds';
import { TestClock } from '../../../support/testClock';

export type ModelsSettings = Settings['models'];

/** `settings.models` with no loopback ports searched unless a test names them (the host may run real servers). */
export function modelsSettings(input: z.input<typeof modelsSchema> = {}): ModelsSettings {
  return modelsSchema.parse({ autodetect: true, detectPorts: [], ...input });
}

/** Fakes started by a test file, closed by `closeAll` in its `after`. */
export class Fakes {
  readonly servers: FakeModelServer[] = [];
  async start(...args: Parameters<typeof startFakeModelServer>): Promise<FakeModelServer> {
    const server = await startFakeModelServer(...args);
    this.servers.push(server);
    return server;
  }
  closeAll(): Promise<void[]> {
    return Promise.all(this.servers.map((server) => server.close()));
  }
}

/** A probe service that remembers every `observe` and serves the given records. */
export function recordingProbes(records: Record<string, { last: ModelProbeRecord | null; recentDecode: number[] }> = {}) {
  const observed: ObservedEndpoint[][] = [];
  const listeners: (() => void)[] = [];
  const service: ModelProbeService = {
    ...noProbes,
    observe: (endpoints) => void observed.push([...endpoints]),
    modelView: (url, model) => records[`${url}/${model}`] ?? { last: null, recentDecode: [] },
    onChange: (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
  return { service, observed, listeners };
}

export interface HarnessOptions {
  settings: ModelsSettings;
  clock?: TestClock;
  probes?: ModelProbeService;
  docker?: DockerSnapshot | null;
  gpu?: GpuSnapshot | null;
  env?: NodeJS.ProcessEnv;
  deadlineMs?: number;
}

export function collectorFor(options: HarnessOptions) {
  const clock = options.clock ?? new TestClock();
  const peers: Partial<ModuleSnapshots> = { docker: options.docker ?? undefined, gpu: options.gpu ?? undefined };
  const collector = new ModelsCollector({
    settings: options.settings,
    env: options.env ?? {},
    clock,
    probes: options.probes ?? noProbes,
    peerSnapshot: <Id extends ModuleId>(id: Id) => (peers[id] ?? null) as ModuleSnapshots[Id] | null,
    // Patient by default: only the tests about deadlines may meet one on a loaded machine.
    getFor: (url, apiKey) => boundedGetFor(url, { deadlineMs: options.deadlineMs ?? HANG_GUARD_MS, ...(apiKey ? { apiKey } : {}) }),
  });
  return { collector, clock, peers };
}

/** A loopback port nothing listens on (taken from a server that was started and closed). */
export async function deadPort(): Promise<number> {
  const server = await startFakeModelServer('ollama');
  await server.close();
  return server.port;
}

export function probeRecord(endpoint: string, model: string, decode: number, ttftMs = 180): ModelProbeRecord {
  return {
    endpoint,
    model,
    at: 1_700_000_000_000,
    ttftMs,
    decodeTokensPerSecond: decode,
    prefillTokensPerSecond: null,
    completionTokens: 64,
    promptTokens: 20,
    totalMs: 2000,
    source: 'client',
    estimated: false,
    cold: false,
    client: { ttftMs, decodeTokensPerSecond: decode, prefillTokensPerSecond: null, tokenChunks: 64 },
    server: null,
    trigger: 'schedule',
  };
}
