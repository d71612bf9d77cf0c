/**
 * Finds the model servers among candidate addresses: configured endpoints, loopback default ports
 * and the published ports of running containers. Pure over an injected `getFor`, so tests can use
 * fakes or real loopback servers alike.
 *
 *   const found = await detectCandidates(
 *     { loopbackPorts: [8080, 11434, 1234, 8000], containerPorts: [{ port: 32768 }], configured: [{ url }] },
 *     { getFor: (url, apiKey) => boundedGetFor(url, { apiKey }) },
 *   );
 *   // [{ url, kind: 'ollama', version: '0.5.7', source: 'autodetected' }, { url, kind: null, reason, source }]
 *
 * Each candidate is first asked `GET /` (no answer at all: no kinds are tried), then tries the kinds whose default port matches first, then the others (a configured
 * `kind` is the only one tried). Identification is by cheap GETs only. Candidates are checked at
 * most `concurrency` at a time. A configured endpoint always comes back, identified or not; an
 * autodetected address that is no model server comes back with `kind: null` too, so a caller can
 * tell "gone" from "never seen".
 */
import type { ServerGet } from './boundedGet';
import type { ModelServerKind, ModelServerKindName } from './modelServerKind';
import { kindsForPort, modelServerKinds } from './modelServerKinds';

export interface ConfiguredEndpoint {
  url: string;
  kind?: ModelServerKindName;
  /** The key's value (read by the caller from `apiKeyEnv`); never logged. */
  apiKey?: string;
}

export interface ContainerPort {
  /** The host port the container publishes. */
  port: number;
  /** The host address it is bound to; loopback when absent or a wildcard. */
  host?: string;
}

export interface DetectionInput {
  loopbackPorts: readonly number[];
  containerPorts: readonly ContainerPort[];
  configured: readonly ConfiguredEndpoint[];
}

export interface DetectionDeps {
  getFor: (url: string, apiKey?: string) => ServerGet;
  kinds?: readonly ModelServerKind[];
  /** How many candidates are identified at once (each tries its kinds one after another). */
  concurrency?: number;
}

export type CandidateSource = 'configured' | 'autodetected';

export interface IdentifiedServer {
  url: string;
  kind: ModelServerKindName;
  version: string | null;
  source: CandidateSource;
}

export interface NotAModelServer {
  url: string;
  kind: null;
  source: CandidateSource;
  reason: string;
}

export type DetectionResult = IdentifiedServer | NotAModelServer;

export const DEFAULT_LOOPBACK_PORTS = [8080, 11434, 1234, 8000] as const;
export const DEFAULT_DETECTION_CONCURRENCY = 4;

export async function detectCandidates(input: DetectionInput, deps: DetectionDeps): Promise<DetectionResult[]> {
  const kinds = deps.kinds ?? modelServerKinds;
  const candidates = candidateList(input);
  return mapBounded(candidates, deps.concurrency ?? DEFAULT_DETECTION_CONCURRENCY, async (candidate) => {
    const get = deps.getFor(candidate.url, candidate.apiKey);
    // One GET first: an address that refuses, resets or hangs costs one deadline, not one per
    // kind (five kinds × 3 s on a port that accepts and never answers). Any HTTP answer, even a
    // 401 or 404, means something is there: the kinds are then tried.
    const reach = await get('/');
    if (!reach.ok) return { url: candidate.url, kind: null, source: candidate.source, reason: reach.reason };
    const tried = candidate.kind ? kinds.filter((kind) => kind.kind === candidate.kind) : kindsForPort(portOf(candidate.url), kinds);
    for (const kind of tried) {
      const identity = await kind.identify(get).catch(() => null);
      if (identity) return { url: candidate.url, kind: kind.kind, version: identity.version, source: candidate.source };
    }
    const reason = candidate.kind
      ? `${candidate.url} does not answer like ${kindLabel(kinds, candidate.kind)}: check the address and the endpoint's kind.`
      : `${candidate.url} is not a model server Opsbar knows (${kinds.map((kind) => kind.label).join(', ')}).`;
    return { url: candidate.url, kind: null, source: candidate.source, reason };
  });
}

interface Candidate {
  url: string;
  source: CandidateSource;
  kind?: ModelServerKindName;
  apiKey?: string;
}

/** Configured first; an autodetected address equal to a configured one is not tried twice. */
function candidateList(input: DetectionInput): Candidate[] {
  const seen = new Set<string>();
  const list: Candidate[] = [];
  const add = (candidate: Candidate): void => {
    const key = normalized(candidate.url);
    if (seen.has(key)) return;
    seen.add(key);
    list.push(candidate);
  };
  for (const endpoint of input.configured) add({ url: endpoint.url.replace(/\/+$/, ''), source: 'configured', kind: endpoint.kind, apiKey: endpoint.apiKey });
  for (const port of input.loopbackPorts) add({ url: `http://127.0.0.1:${port}`, source: 'autodetected' });
  for (const published of input.containerPorts) add({ url: `http://${hostOf(published.host)}:${published.port}`, source: 'autodetected' });
  return list;
}

function hostOf(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function normalized(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname === 'localhost' || parsed.hostname === '[::1]' ? '127.0.0.1' : parsed.hostname;
    return `${parsed.protocol}//${host}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url;
  }
}

function portOf(url: string): number | null {
  try {
    const parsed = new URL(url);
    return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  } catch {
    return null;
  }
}

function kindLabel(kinds: readonly ModelServerKind[], name: ModelServerKindName): string {
  return kinds.find((kind) => kind.kind === name)?.label ?? name;
}

/** `map` with at most `limit` calls in flight; results keep the input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
