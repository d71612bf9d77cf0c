/**
 * One passive read of one endpoint: its kind's `read` over bounded GETs, timed by the clock, and
 * the token rates from its `*_total` counters since the previous scrape of the same endpoint.
 *
 *   const { endpoint, counters } = await readEndpoint(known, previousCounters, { getFor, clock, targetFor });
 *
 * Never throws: a server that does not answer is `down` (configured) or `gone` (autodetected),
 * with the reason as a sentence. GPU shares and probe views are filled in by the collector.
 */
import type { ModelEndpoint, ModelView } from '../../../../shared/types/models';
import type { Clock } from '../../clock';
import type { KnownEndpoint } from './endpointRegistry';
import { portOf } from './endpointRegistry';
import type { ServerGet } from './servers/boundedGet';
import { counterRate, type CounterScrape } from './servers/counterRate';
import type { ServedModel, ServerReading } from './servers/modelServerKind';
import { modelServerKind } from './servers/modelServerKinds';

/** The previous scrape's counters of one endpoint. */
export interface CounterMemory {
  generation: CounterScrape;
  prompt: CounterScrape;
}

export interface EndpointReadDeps {
  getFor(url: string, apiKey: string | null): ServerGet;
  clock: Clock;
  targetFor(model: string): number;
}

export interface EndpointReadResult {
  endpoint: ModelEndpoint;
  /** This scrape's counters (null when the server exposes none or did not answer). */
  counters: CounterMemory | null;
}

export async function readEndpoint(known: KnownEndpoint, previous: CounterMemory | null, deps: EndpointReadDeps): Promise<EndpointReadResult> {
  const base = baseView(known);
  if (!known.kind) return { endpoint: notAnswering(base, known, await unidentifiedReason(known, deps)), counters: null };
  const kind = modelServerKind(known.kind);
  const started = deps.clock.now();
  let reading: ServerReading;
  try {
    reading = await kind.read(deps.getFor(known.url, known.apiKey));
  } catch (error) {
    return { endpoint: notAnswering(base, known, (error as Error).message), counters: null };
  }
  const at = deps.clock.now();
  const counters = reading.counters
    ? { generation: { value: reading.counters.generationTokensTotal, atMs: at }, prompt: { value: reading.counters.promptTokensTotal, atMs: at } }
    : null;
  const endpoint: ModelEndpoint = {
    ...base,
    state: 'up',
    up: true,
    latencyMs: Math.max(0, at - started),
    error: null,
    lastSeenAt: at,
    models: reading.models.map((model) => modelView(model, deps.targetFor(model.name))),
    slots: reading.slots,
    rates: reading.counters
      ? {
          generationTokensPerSecond: counters && previous ? counterRate(previous.generation, counters.generation) : null,
          promptTokensPerSecond: counters && previous ? counterRate(previous.prompt, counters.prompt) : null,
          requestsRunning: reading.counters.requestsRunning,
        }
      : null,
    notes: reading.notes,
  };
  return { endpoint, counters };
}

/**
 * Why an endpoint of unknown kind shows nothing: "nothing is listening" (one bounded GET of `/`
 * tells) reads better than "not a model server" when the server is simply off.
 */
async function unidentifiedReason(known: KnownEndpoint, deps: EndpointReadDeps): Promise<string> {
  const root = await deps.getFor(known.url, known.apiKey)('/');
  if (!root.ok) return root.reason;
  return known.identifyError ?? `${known.url} has not been identified as a model server yet.`;
}

/** "Ollama :11434" unless the config names it. */
export function endpointName(known: Pick<KnownEndpoint, 'url' | 'kind' | 'configuredName'>): string {
  if (known.configuredName) return known.configuredName;
  const label = known.kind ? modelServerKind(known.kind).label : 'Model server';
  const port = portOf(known.url);
  return port === null ? `${label} ${known.url}` : `${label} :${port}`;
}

function baseView(known: KnownEndpoint): ModelEndpoint {
  return {
    url: known.url,
    name: endpointName(known),
    kind: known.kind,
    kindLabel: known.kind ? modelServerKind(known.kind).label : null,
    version: known.version,
    source: known.source,
    state: 'down',
    up: false,
    latencyMs: null,
    error: null,
    lastSeenAt: known.lastSeenAt,
    container: known.container,
    models: [],
    slots: null,
    rates: null,
    notes: [],
    probe: { intervalMinutes: known.intervalMinutes, inFlight: null, lastFailure: null },
    lastProbe: null,
    severity: 'unknown',
  };
}

function notAnswering(base: ModelEndpoint, known: KnownEndpoint, reason: string): ModelEndpoint {
  return { ...base, state: known.source === 'configured' ? 'down' : 'gone', up: false, error: reason };
}

function modelView(model: ServedModel, target: number): ModelView {
  return {
    name: model.name,
    loaded: model.loaded,
    sizeBytes: model.sizeBytes,
    vramBytes: model.vramBytes,
    expiresAt: model.expiresAt,
    contextLength: model.contextLength,
    details: model.details,
    gpus: [],
    targetTokensPerSecond: target,
    lastProbe: null,
    recentDecode: [],
    severity: 'ok',
  };
}
