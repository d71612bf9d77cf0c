/**
 * The endpoints the models module knows: the configured ones (always listed, also when down) and
 * the autodetected ones found so far (kept once seen, so one that vanishes shows as gone rather
 * than disappearing). Detection results update it; the passive read marks what answered.
 *
 *   const registry = new EndpointRegistry(configuredEndpointsOf(settings.models, process.env));
 *   registry.applyDetection(await detectCandidates(…), containerForPort);
 *   for (const endpoint of registry.list()) …
 */
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { ModelServerKindName } from '../../../../shared/types/models';
import type { DetectionResult } from './servers/detectCandidates';
import { resolveProbeInterval } from './probing/probeInterval';

type ModelsSettings = Settings['models'];

export interface EndpointContainer {
  name: string;
  stack: string | null;
}

export interface KnownEndpoint {
  url: string;
  source: 'configured' | 'autodetected';
  configuredName: string | null;
  /** Identified by detection, else the configured kind; null while unknown. */
  kind: ModelServerKindName | null;
  /** The kind the config names: the only one tried, and read even when identification fails. */
  configuredKind: ModelServerKindName | null;
  version: string | null;
  /** From `apiKeyEnv`; never logged, never in a snapshot. */
  apiKey: string | null;
  /** Minutes between scheduled probes; 0 = only when asked. */
  intervalMinutes: number;
  container: EndpointContainer | null;
  /** Why the last identification failed (a sentence), null once identified. */
  identifyError: string | null;
  lastSeenAt: number | null;
}

export interface ConfiguredEndpointInput {
  url: string;
  kind: ModelServerKindName | null;
  name: string | null;
  apiKey: string | null;
  intervalMinutes: number;
}

/** The configured endpoints with their keys read from the environment (never from the config). */
export function configuredEndpointsOf(models: ModelsSettings, env: NodeJS.ProcessEnv): ConfiguredEndpointInput[] {
  return models.endpoints.map((endpoint) => ({
    url: trimmedUrl(endpoint.url),
    kind: endpoint.kind ?? null,
    name: endpoint.name ?? null,
    apiKey: endpoint.apiKeyEnv ? env[endpoint.apiKeyEnv] || null : null,
    intervalMinutes: resolveProbeInterval(endpoint.probe, models.probeIntervalMinutes),
  }));
}

export function trimmedUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export class EndpointRegistry {
  private readonly configured: KnownEndpoint[];
  private readonly detected = new Map<string, KnownEndpoint>();

  constructor(configured: readonly ConfiguredEndpointInput[], private readonly defaultIntervalMinutes: number) {
    const seen = new Set<string>();
    this.configured = [];
    for (const c of configured) {
      if (seen.has(c.url)) continue;
      seen.add(c.url);
      this.configured.push({
        url: c.url,
        source: 'configured',
        configuredName: c.name,
        kind: c.kind,
        configuredKind: c.kind,
        version: null,
        apiKey: c.apiKey,
        intervalMinutes: c.intervalMinutes,
        container: null,
        identifyError: null,
        lastSeenAt: null,
      });
    }
  }

  /** Configured first (config order), then autodetected (order found). */
  list(): KnownEndpoint[] {
    return [...this.configured, ...this.detected.values()];
  }

  /** Detection results: identified servers are added or updated; an address never seen is not kept. */
  applyDetection(results: readonly DetectionResult[], containerForPort: (port: number | null) => EndpointContainer | null): void {
    for (const result of results) {
      const known = this.find(result.url);
      if (result.kind === null) {
        if (known) known.identifyError = result.reason;
        continue;
      }
      const container = result.source === 'autodetected' ? containerForPort(portOf(result.url)) : null;
      if (known) {
        known.kind = result.kind;
        known.version = result.version;
        known.identifyError = null;
        if (known.source === 'autodetected') known.container = container;
        continue;
      }
      if (result.source !== 'autodetected') continue;
      this.detected.set(result.url, {
        url: result.url,
        source: 'autodetected',
        configuredName: null,
        kind: result.kind,
        configuredKind: null,
        version: result.version,
        apiKey: null,
        intervalMinutes: this.defaultIntervalMinutes,
        container,
        identifyError: null,
        lastSeenAt: null,
      });
    }
  }

  find(url: string): KnownEndpoint | undefined {
    return this.configured.find((e) => e.url === url) ?? this.detected.get(url);
  }
}

export function portOf(url: string): number | null {
  try {
    const parsed = new URL(url);
    return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  } catch {
    return null;
  }
}
