import type { DockerSnapshot } from '../../../../shared/types/docker';
import type { Clock } from '../../clock';
import type { Collector, CollectorHooks, CollectorOutput, Sample } from '../collector';
import { callWithDeadline, DockerTimeoutError } from './callWithDeadline';
import { createDockerApi, type DockerApi } from './dockerApi';
import {
  describeEndpoint,
  resolveDockerEndpoint,
  type DockerEndpoint,
  type DockerEndpointInput,
  type DockerEndpointResolution,
} from './dockerEndpoint';
import { describeDockerFailure, describeNoEndpoint } from './dockerErrors';
import { DockerEventWatcher } from './dockerEvents';
import type { MappedDockerEvent } from './eventMapping';
import { ContainerInspectCache, containerState } from './containerInspector';
import { ContainerStatsSampler } from './containerStats';
import { publishedPorts } from './publishedPorts';
import { composeLabels, groupContainers, STANDALONE_STACK, type ContainerFacts } from './stackGrouping';

export interface DockerCollectorOptions {
  /** Where to look for the engine: settings.docker.endpoint plus the environment (see dockerEndpoint). */
  endpoint: DockerEndpointInput;
  /** settings.monitoring.dockerIntervalMs: list and stats cadence. */
  intervalMs: number;
  /** settings.monitoring.dockerStatsConcurrency: stats (and inspect) requests at once. */
  statsConcurrency: number;
  clock: Clock;
  /** Builds the Engine API client for an endpoint (bounded Node http in production, a fake in tests). */
  createClient?: (endpoint: DockerEndpoint) => DockerApi;
  /** Deadline of every Docker call (default 5 s). */
  callTimeoutMs?: number;
  /** Event stream reconnect backoff (defaults 500 ms doubling to 30 s). */
  eventBackoff?: { initialMs: number; maxMs: number };
}

const DEFAULT_CALL_TIMEOUT_MS = 5_000;

/**
 * A collect this soon after the engine timed out reports that timeout again instead of waiting
 * out another deadline: a one-shot status takes two readings 250 ms apart, and a hung engine
 * must cost it one deadline, not two.
 */
const REUSE_TIMEOUT_FOR_MS = 1_000;

/**
 * Docker stacks and containers: one list call per interval, inspect only for containers that
 * changed, usage from cgroup files (one-shot stats in bounded rounds where those cannot be read),
 * and the events stream for prompt updates and events.
 * Never throws from collect(): a missing or hung engine is `available: false` with a reason.
 */
export class DockerCollector implements Collector<DockerSnapshot> {
  readonly id = 'docker';
  readonly intervalMs: number;

  private readonly clock: Clock;
  private readonly callTimeoutMs: number;
  private readonly createClient: (endpoint: DockerEndpoint) => DockerApi;
  private readonly inspectCache: ContainerInspectCache;
  private readonly stats: ContainerStatsSampler;
  private resolution: DockerEndpointResolution | null = null;
  private api: DockerApi | null = null;
  private apiEndpoint: string | null = null;
  private available = false;
  private engineVersion: string | null = null;
  private hooks: CollectorHooks | null = null;
  private watcher: DockerEventWatcher | null = null;
  /** Aborted by stop(): in-flight list, inspect and version calls are abandoned, not awaited. */
  private stopping = new AbortController();
  private lastTimeout: { at: number; error: string } | null = null;

  constructor(private readonly options: DockerCollectorOptions) {
    this.intervalMs = options.intervalMs;
    this.clock = options.clock;
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.createClient = options.createClient ?? createDockerApi;
    const concurrency = Math.max(1, options.statsConcurrency);
    this.inspectCache = new ContainerInspectCache({ clock: this.clock, timeoutMs: this.callTimeoutMs, concurrency });
    this.stats = new ContainerStatsSampler({ clock: this.clock, intervalMs: options.intervalMs, concurrency, timeoutMs: this.callTimeoutMs });
  }

  start(hooks: CollectorHooks): void {
    this.hooks = hooks;
    this.stopping = new AbortController();
    this.connectClient();
    this.watcher = new DockerEventWatcher({
      clock: this.clock,
      getApi: () => this.api,
      openTimeoutMs: this.callTimeoutMs,
      onEvent: (event) => this.onDockerEvent(event),
      onReconnected: () => this.hooks?.requestCollect(),
      backoffInitialMs: this.options.eventBackoff?.initialMs,
      backoffMaxMs: this.options.eventBackoff?.maxMs,
    });
    this.watcher.start();
  }

  async stop(): Promise<void> {
    this.watcher?.stop();
    this.watcher = null;
    this.hooks = null;
    // Abandon a running stats round rather than wait for dockerd (one-shot stats take ~1 s each).
    this.stats.abort();
    this.stopping.abort();
  }

  async collect(): Promise<CollectorOutput<DockerSnapshot>> {
    const at = this.clock.now();
    // While the engine is away, look again: Docker Desktop or Colima may have been started since.
    if (!this.available) this.connectClient();
    const api = this.api;
    const resolution = this.resolution as DockerEndpointResolution;
    if (!api) return this.unavailable(at, describeNoEndpoint(resolution));

    if (this.lastTimeout && at - this.lastTimeout.at < REUSE_TIMEOUT_FOR_MS) return this.unavailable(at, this.lastTimeout.error);
    const stop = this.stopping.signal;

    let summaries;
    try {
      summaries = await callWithDeadline(this.clock, this.callTimeoutMs, 'listing containers', (signal) => api.listContainers(signal), stop);
    } catch (error) {
      const message = describeDockerFailure(error, resolution, 'listing containers');
      this.lastTimeout = error instanceof DockerTimeoutError ? { at: this.clock.now(), error: message } : null;
      return this.unavailable(at, message);
    }
    this.lastTimeout = null;
    if (!this.available) await this.onEngineBack(api);

    const facts = await this.inspectCache.factsFor(api, summaries, stop);
    const runningIds = summaries.filter((s) => containerState(s) === 'running').map((s) => s.Id);
    this.stats.retain(runningIds);
    this.stats.sample(api, runningIds.map((id) => ({ id, pid: facts.get(id)?.pid ?? null })));

    const containers: ContainerFacts[] = summaries.map((summary) => {
      const state = containerState(summary);
      const inspected = facts.get(summary.Id)!;
      const { project, service } = composeLabels(summary.Labels);
      const figures = state === 'running' ? this.stats.figures(summary.Id) : undefined;
      return {
        id: summary.Id,
        name: (summary.Names?.[0] ?? summary.Id.slice(0, 12)).replace(/^\//, ''),
        service,
        project,
        image: summary.Image ?? '',
        state,
        health: inspected.health,
        restartCount: inspected.restartCount,
        startedAt: inspected.startedAt,
        // A running or created container's ExitCode (0) says nothing; restarting keeps the last one.
        exitCode: state === 'exited' || state === 'dead' || state === 'restarting' ? inspected.exitCode : null,
        cpuPercent: figures?.cpuPercent ?? null,
        memoryBytes: figures?.memoryBytes ?? null,
        memoryLimitBytes: figures?.memoryLimitBytes ?? null,
        ports: publishedPorts(summary),
      };
    });

    const snapshot: DockerSnapshot = {
      at,
      available: true,
      endpoint: this.apiEndpoint,
      error: null,
      engineVersion: this.engineVersion,
      stacks: groupContainers(containers),
    };
    return { snapshot, samples: this.freshSamples(containers) };
  }

  /** (Re)resolves the endpoint and swaps the client when it points somewhere else. */
  private connectClient(): void {
    this.resolution = resolveDockerEndpoint(this.options.endpoint);
    const chosen = this.resolution.chosen;
    const label = chosen ? describeEndpoint(chosen) : null;
    if (label === this.apiEndpoint) return;
    this.apiEndpoint = label;
    this.engineVersion = null;
    this.inspectCache.clear();
    try {
      this.api = chosen ? this.createClient(chosen) : null;
    } catch (error) {
      // docker-modem reads DOCKER_* variables itself and may throw on odd values.
      this.api = null;
      this.resolution = { ...this.resolution, chosen: null, ignored: [...this.resolution.ignored, { value: label ?? '', reason: String(error) }] };
    }
    this.watcher?.reconnectNow();
  }

  private async onEngineBack(api: DockerApi): Promise<void> {
    this.available = true;
    this.inspectCache.clear();
    try {
      const version = await callWithDeadline(this.clock, this.callTimeoutMs, 'reading the engine version', (signal) => api.version(signal), this.stopping.signal);
      this.engineVersion = typeof version.Version === 'string' ? version.Version : null;
    } catch {
      this.engineVersion = null;
    }
    if (this.watcher && !this.watcher.connected) this.watcher.reconnectNow();
  }

  private unavailable(at: number, error: string): CollectorOutput<DockerSnapshot> {
    this.available = false;
    return {
      snapshot: { at, available: false, endpoint: this.apiEndpoint, error, engineVersion: null, stacks: [] },
      samples: [],
    };
  }

  private onDockerEvent(event: MappedDockerEvent): void {
    if (event.containerId) this.inspectCache.invalidate(event.containerId);
    if (event.opsEvent) this.hooks?.emitEvent(event.opsEvent);
    if (event.stateChanged) this.hooks?.requestCollect();
  }

  /** One sample per stats reading (not per collect: event-driven collects must not repeat them). */
  private freshSamples(containers: ContainerFacts[]): Sample[] {
    const fresh = this.stats.takeFresh();
    const samples: Sample[] = [];
    for (const c of containers) {
      const figures = fresh.has(c.id) ? this.stats.figures(c.id) : undefined;
      if (!figures) continue;
      const key = `${c.project ?? STANDALONE_STACK}/${c.name}`;
      if (figures.cpuPercent !== null) samples.push({ series: `container.cpuPercent:${key}`, ts: figures.readAt, value: figures.cpuPercent });
      if (figures.memoryBytes !== null) samples.push({ series: `container.memoryBytes:${key}`, ts: figures.readAt, value: figures.memoryBytes });
    }
    return samples;
  }
}
