/**
 * The models module's collector: detection (at the first collect, then every
 * `detectIntervalMs` by the injected clock, never two at once), then one passive read of every
 * known endpoint in parallel, each bounded by its own GET deadlines, so a hanging server costs
 * only its own reading. What answered is handed to the probe service; its views are merged in.
 */
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { ModelEndpoint, ModelProbeRecord, ModelsSnapshot } from '../../../../shared/types/models';
import type { Clock } from '../../clock';
import type { Collector, CollectorHooks, CollectorOutput, Sample } from '../collector';
import type { MonitorDeps } from '../monitorModule';
import { configuredEndpointsOf, EndpointRegistry, type EndpointContainer } from './endpointRegistry';
import { readEndpoint, type CounterMemory } from './endpointReading';
import { GpuShareMapper } from './modelGpuShares';
import type { ModelProbeService, ObservedEndpoint } from './modelProbeService';
import { targetFor } from './modelChecks';
import { boundedGetFor, type ServerGet } from './servers/boundedGet';
import { detectCandidates, type ContainerPort } from './servers/detectCandidates';

type ModelsSettings = Settings['models'];

export interface ModelsCollectorOptions {
  settings: ModelsSettings;
  /** Where `apiKeyEnv` names are looked up. */
  env: NodeJS.ProcessEnv;
  clock: Clock;
  probes: ModelProbeService;
  peerSnapshot: MonitorDeps['peerSnapshot'];
  /** Bounded GETs (default: 3 s, 2 MiB each); tests shorten the deadline. */
  getFor?: (url: string, apiKey: string | null) => ServerGet;
  gpuShares?: GpuShareMapper;
}

export class ModelsCollector implements Collector<ModelsSnapshot> {
  readonly id = 'models';
  readonly intervalMs: number;
  private readonly registry: EndpointRegistry;
  private readonly getFor: (url: string, apiKey: string | null) => ServerGet;
  private readonly gpuShares: GpuShareMapper;
  private readonly counters = new Map<string, CounterMemory>();
  private nextDetectionAt: number | null = null;
  private detecting: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private hooks: CollectorHooks | null = null;
  /** The container ports the last detection searched. */
  private detectedPortsKey = '';

  constructor(private readonly options: ModelsCollectorOptions) {
    this.intervalMs = options.settings.intervalMs;
    this.registry = new EndpointRegistry(configuredEndpointsOf(options.settings, options.env), options.settings.probeIntervalMinutes);
    this.getFor = options.getFor ?? ((url, apiKey) => boundedGetFor(url, apiKey ? { apiKey } : {}));
    this.gpuShares = options.gpuShares ?? new GpuShareMapper({ clock: options.clock, cacheMs: options.settings.detectIntervalMs });
  }

  start(hooks: CollectorHooks): void {
    this.hooks = hooks;
    // A probe that starts or ends changes what the snapshot says: read again.
    this.unsubscribe = this.options.probes.onChange(() => hooks.requestCollect());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.hooks = null;
  }

  async collect(): Promise<CollectorOutput<ModelsSnapshot>> {
    const { clock, settings } = this.options;
    // Due, or the containers' published ports changed (the Docker module's first snapshot often
    // comes after this module's first collect; a container started later is found at once).
    const due = this.nextDetectionAt === null || clock.now() >= this.nextDetectionAt;
    if (due || (settings.autodetect && portsKey(this.containerPorts()) !== this.detectedPortsKey)) await this.detect();
    else this.identifyConfigured();

    const readDeps = { getFor: this.getFor, clock, targetFor: (model: string) => targetFor(settings, model) };
    const known = this.registry.list();
    const results = await Promise.all(known.map((entry) => readEndpoint(entry, this.counters.get(entry.url) ?? null, readDeps)));
    for (const [index, entry] of known.entries()) {
      const { endpoint, counters } = results[index];
      if (endpoint.up) entry.lastSeenAt = endpoint.lastSeenAt;
      if (counters) this.counters.set(entry.url, counters);
      else this.counters.delete(entry.url); // no counters or no answer: the next rate starts afresh
    }
    const endpoints = results.map((result) => result.endpoint);
    await this.addGpuShares(endpoints);
    this.options.probes.observe(this.observed(endpoints));
    const at = clock.now();
    const snapshot: ModelsSnapshot = { at, state: 'ok', error: null, endpoints: endpoints.map((e) => this.withProbeViews(e)), nextDetectionAt: this.nextDetectionAt };
    return { snapshot, samples: samplesOf(snapshot.endpoints, at) };
  }

  /** One detection at a time: a collect that comes while one runs waits for it. */
  private detect(): Promise<void> {
    if (!this.detecting) {
      this.nextDetectionAt = this.options.clock.now() + this.options.settings.detectIntervalMs;
      this.detecting = this.runDetection(true).finally(() => (this.detecting = null));
    }
    return this.detecting;
  }

  /** Between detections, configured endpoints not identified yet are tried again (cheap GETs). */
  /**
   * In the background, so a configured address that hangs costs this read nothing; when it is
   * identified, a fresh read is asked for. Shares the one-detection-at-a-time slot.
   */
  private identifyConfigured(): void {
    const unknown = () => this.registry.list().filter((e) => e.source === 'configured' && !e.kind).length;
    const before = unknown();
    if (this.detecting || before === 0) return;
    this.detecting = this.runDetection(false)
      .then(() => {
        if (unknown() < before) this.hooks?.requestCollect();
      })
      .finally(() => (this.detecting = null));
  }

  private async runDetection(everything: boolean): Promise<void> {
    const { settings } = this.options;
    const containers = everything && settings.autodetect ? this.containerPorts() : new Map<number, { port: ContainerPort; container: EndpointContainer }>();
    if (everything) this.detectedPortsKey = portsKey(containers);
    const configured = this.registry
      .list()
      .filter((e) => e.source === 'configured' && (everything || !e.kind))
      .map((e) => ({ url: e.url, kind: e.configuredKind ?? undefined, apiKey: e.apiKey ?? undefined }));
    const results = await detectCandidates(
      {
        loopbackPorts: everything && settings.autodetect ? settings.detectPorts : [],
        containerPorts: [...containers.values()].map((c) => c.port),
        configured,
      },
      { getFor: (url, apiKey) => this.getFor(url, apiKey ?? null) },
    );
    this.registry.applyDetection(results, (port) => (port === null ? null : (containers.get(port)?.container ?? null)));
  }

  /** Running containers' published TCP host ports (from the Docker module's latest snapshot). */
  private containerPorts(): Map<number, { port: ContainerPort; container: EndpointContainer }> {
    const ports = new Map<number, { port: ContainerPort; container: EndpointContainer }>();
    const docker = this.options.peerSnapshot('docker');
    if (!docker?.available) return ports;
    for (const stack of docker.stacks) {
      for (const c of stack.containers) {
        if (c.state !== 'running') continue;
        for (const p of c.ports ?? []) {
          if (p.protocol !== 'tcp' || ports.has(p.hostPort)) continue;
          ports.set(p.hostPort, { port: { port: p.hostPort, host: p.hostIp ?? undefined }, container: { name: c.name, stack: stack.kind === 'compose' ? stack.name : null } });
        }
      }
    }
    return ports;
  }

  private async addGpuShares(endpoints: ModelEndpoint[]): Promise<void> {
    const gpu = this.options.peerSnapshot('gpu');
    const processes = gpu?.state === 'ok' ? gpu.processes : [];
    if (processes.length === 0) return;
    for (const endpoint of endpoints) {
      if (!endpoint.up || !endpoint.models.some((m) => m.loaded)) continue;
      // Several models on one server share its process: each loaded model shows the process's figure.
      const shares = await this.gpuShares.sharesFor(endpoint, processes);
      for (const model of endpoint.models) if (model.loaded) model.gpus = shares;
    }
  }

  private observed(endpoints: readonly ModelEndpoint[]): ObservedEndpoint[] {
    const list: ObservedEndpoint[] = [];
    for (const endpoint of endpoints) {
      const known = this.registry.find(endpoint.url);
      if (!endpoint.up || !endpoint.kind || !known) continue;
      list.push({
        url: endpoint.url,
        name: endpoint.name,
        kind: endpoint.kind,
        apiKey: known.apiKey,
        intervalMinutes: known.intervalMinutes,
        loadedModels: endpoint.models.filter((m) => m.loaded).map((m) => m.name),
        availableModels: endpoint.models.map((m) => m.name),
      });
    }
    return list;
  }

  private withProbeViews(endpoint: ModelEndpoint): ModelEndpoint {
    const { probes } = this.options;
    let newest: ModelProbeRecord | null = null;
    const models = endpoint.models.map((model) => {
      const view = probes.modelView(endpoint.url, model.name);
      if (view.last && (!newest || view.last.at > newest.at)) newest = view.last;
      return { ...model, lastProbe: view.last, recentDecode: view.recentDecode.slice(0, 2) };
    });
    return { ...endpoint, models, probe: probes.scheduleView(endpoint.url, endpoint.probe.intervalMinutes), lastProbe: newest };
  }
}

function portsKey(ports: Map<number, unknown>): string {
  return [...ports.keys()].sort((a, b) => a - b).join(',');
}

function samplesOf(endpoints: readonly ModelEndpoint[], ts: number): Sample[] {
  const samples: Sample[] = [];
  for (const e of endpoints) {
    if (e.latencyMs !== null) samples.push({ series: `model.latencyMs:${e.url}`, ts, value: e.latencyMs });
    const rate = e.rates?.generationTokensPerSecond;
    if (rate !== null && rate !== undefined) samples.push({ series: `model.generationTokensPerSecond:${e.url}`, ts, value: rate });
  }
  return samples;
}
