/**
 * The probe service (see ../modelProbeService.ts): keeps what the last passive read saw, probes
 * each endpoint's loaded models when they are due (role `app` only), runs "Probe now", one probe
 * at a time per endpoint and at most two at once, and keeps the history through the store.
 *
 *   const probes = new ProbeCoordinator({ clock, log, role: 'app', timeoutMs: () => 60_000, history, publish });
 *   probes.observe([{ url, name, kind: 'ollama', apiKey: null, intervalMinutes: 30, loadedModels: ['qwen3:8b'], availableModels: [] }]);
 *   await probes.probeNow({ endpoint: url }).done;
 */
import type { ModelProbeFailure, ModelProbeProgress, ModelProbeRecord, ProbeSchedule } from '../../../../../shared/types/models';
import type { Clock } from '../../../clock';
import type { Logger } from '../../../logger';
import type { ModelProbeService, ObservedEndpoint, ProbeNowOutcome, ProbeNowRequest } from '../modelProbeService';
import { ProbeHistoryCache, type ProbeHistoryStore } from './probeHistoryCache';
import { probeForKind, type RunProbe } from './probeForKind';
import { probeNowTargets } from './probeNowTargets';
import { EndpointQueues } from './probeQueues';
import { toProbeRecord } from './probeRecord';
import { newlyLoaded, probeDueAt } from './probeSchedule';

export interface ProbeCoordinatorDeps {
  clock: Clock;
  log: Logger;
  /** `cli`: nothing is probed on schedule, only when asked. */
  role: 'app' | 'cli';
  /** `models.probeTimeoutMs`, read at each probe (settings may change). */
  timeoutMs: () => number;
  history: ProbeHistoryStore;
  /** Live progress (started, first token, finished, failed). */
  publish: (progress: ModelProbeProgress) => void;
  /** The probe itself; by server kind unless a test injects one. */
  runProbe?: RunProbe;
  /** Probes at once across endpoints (default 2). */
  maxRunning?: number;
}

type Outcome = ModelProbeRecord | ModelProbeFailure;

interface ProbeJob {
  endpoint: string;
  model: string;
  trigger: ModelProbeRecord['trigger'];
  startedAt: number | null;
  /** Set when it ended; handed to the waiters once the endpoint is free (a caller may probe again at once). */
  outcome?: Outcome;
  settle: ((outcome: Outcome) => void)[];
}

interface EndpointState {
  observed: ObservedEndpoint | null;
  /** Loaded models in the previous reading; null before the first. */
  loaded: Set<string> | null;
  /** When each model was seen becoming loaded. */
  loadedSince: Map<string, number>;
  lastFailure: ModelProbeFailure | null;
}

const DEFAULT_MAX_RUNNING = 2;
const attemptKey = (endpoint: string, model: string) => `${endpoint}\u0000${model}`;

export class ProbeCoordinator implements ModelProbeService {
  private readonly endpoints = new Map<string, EndpointState>();
  /** Start of the newest attempt (probe or failure) per (endpoint, model) since Opsbar started. */
  private readonly lastAttempt = new Map<string, number>();
  private readonly history: ProbeHistoryCache;
  private readonly queues: EndpointQueues<ProbeJob>;
  private readonly runProbe: RunProbe;
  private readonly controllers = new Set<AbortController>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private timer: { cancel(): void; at: number } | null = null;
  private stopped = false;

  constructor(private readonly deps: ProbeCoordinatorDeps) {
    this.history = new ProbeHistoryCache(deps.history, deps.log);
    this.runProbe = deps.runProbe ?? probeForKind;
    this.queues = new EndpointQueues(
      deps.maxRunning ?? DEFAULT_MAX_RUNNING,
      (job) => this.track(this.run(job)),
      (job) => {
        if (job.outcome) settle(job, job.outcome);
        this.schedule();
      },
    );
  }

  observe(endpoints: readonly ObservedEndpoint[]): void {
    if (this.stopped) return;
    const now = this.deps.clock.now();
    const seen = new Set<string>();
    for (const endpoint of endpoints) {
      seen.add(endpoint.url);
      const state = this.stateOf(endpoint.url);
      for (const model of newlyLoaded(state.loaded, endpoint.loadedModels)) state.loadedSince.set(model, now);
      state.loaded = new Set(endpoint.loadedModels);
      state.observed = endpoint;
    }
    // An endpoint that did not answer keeps its history and timers' state, but is not probed.
    for (const [url, state] of this.endpoints) if (!seen.has(url)) state.observed = null;
    this.schedule();
  }

  scheduleView(endpointUrl: string, intervalMinutes: number): ProbeSchedule {
    const running = this.queues.running(endpointUrl);
    return {
      intervalMinutes,
      inFlight: running?.startedAt != null ? { model: running.model, startedAt: running.startedAt } : null,
      lastFailure: this.endpoints.get(endpointUrl)?.lastFailure ?? null,
    };
  }

  modelView(endpointUrl: string, model: string): { last: ModelProbeRecord | null; recentDecode: number[] } {
    const { last, recentDecode } = this.history.view(endpointUrl, model);
    return { last, recentDecode: [...recentDecode] };
  }

  probeNow(request: ProbeNowRequest): ProbeNowOutcome {
    if (this.stopped) return { started: [], skipped: [{ endpoint: request.endpoint ?? '', model: request.model ?? null, reason: 'Opsbar is stopping; no probe was started.' }], done: Promise.resolve([]) };
    const observed = [...this.endpoints.values()].flatMap((s) => (s.observed ? [s.observed] : []));
    const { targets, skipped } = probeNowTargets(observed, request);
    const started: ProbeNowOutcome['started'] = [];
    const waits: Promise<Outcome>[] = [];
    for (const { endpoint, model } of targets) {
      const existing = this.queues.find(endpoint.url, model);
      if (existing?.state === 'running') {
        skipped.push({ endpoint: endpoint.url, model, reason: `A probe of ${model} is already running on ${endpoint.name}.` });
        continue;
      }
      // Already waiting on schedule: the operator's request joins it (and it counts as theirs).
      const job = existing?.job ?? { endpoint: endpoint.url, model, trigger: 'operator' as const, startedAt: null, settle: [] };
      job.trigger = 'operator';
      waits.push(new Promise<Outcome>((resolve) => job.settle.push(resolve)));
      started.push({ endpoint: endpoint.url, model });
      if (!existing) this.queues.enqueue(job);
    }
    return { started, skipped, done: Promise.all(waits) };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    const at = this.deps.clock.now();
    for (const job of this.queues.drain()) {
      settle(job, { endpoint: job.endpoint, model: job.model, at, reason: 'Opsbar stopped before this probe started.' });
    }
    for (const controller of this.controllers) controller.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private stateOf(url: string): EndpointState {
    let state = this.endpoints.get(url);
    if (!state) {
      state = { observed: null, loaded: null, loadedSince: new Map(), lastFailure: null };
      this.endpoints.set(url, state);
    }
    return state;
  }

  /** Queues every loaded model that is due and sets one timer for the next one. */
  private schedule(): void {
    if (this.stopped || this.deps.role !== 'app') return;
    const now = this.deps.clock.now();
    let nextAt = Infinity;
    for (const state of this.endpoints.values()) {
      const endpoint = state.observed;
      if (!endpoint || !(endpoint.intervalMinutes > 0)) continue;
      for (const model of endpoint.loadedModels) {
        if (this.queues.find(endpoint.url, model)) continue;
        const dueAt = probeDueAt({ lastAttemptAt: this.lastAttemptAt(endpoint.url, model), loadedSince: state.loadedSince.get(model) ?? null }, endpoint.intervalMinutes);
        if (dueAt === null) continue;
        if (dueAt <= now) this.queues.enqueue({ endpoint: endpoint.url, model, trigger: 'schedule', startedAt: null, settle: [] });
        else nextAt = Math.min(nextAt, dueAt);
      }
    }
    if (this.timer && this.timer.at === nextAt) return;
    this.timer?.cancel();
    this.timer = null;
    if (nextAt === Infinity) return;
    const handle = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.schedule();
    }, nextAt - now);
    this.timer = { cancel: () => handle.cancel(), at: nextAt };
  }

  /** In-memory attempts first (failures are not stored), else the newest stored probe. */
  private lastAttemptAt(endpoint: string, model: string): number | null {
    const key = attemptKey(endpoint, model);
    const attempted = this.lastAttempt.get(key);
    if (attempted !== undefined) return attempted;
    return this.history.view(endpoint, model).last?.at ?? null;
  }

  private async run(job: ProbeJob): Promise<void> {
    const state = this.stateOf(job.endpoint);
    const observed = state.observed;
    const at = this.deps.clock.now();
    if (this.stopped || !observed) {
      const why = this.stopped ? 'Opsbar stopped before this probe started.' : `${job.endpoint} did not answer the last reading; the probe of ${job.model} was not started.`;
      job.outcome = { endpoint: job.endpoint, model: job.model, at, reason: why };
      return;
    }
    const controller = new AbortController();
    this.controllers.add(controller);
    job.startedAt = at;
    this.deps.publish({ phase: 'started', endpoint: job.endpoint, model: job.model, at, trigger: job.trigger });
    this.changed();
    const result = await this.runProbe(observed.kind, {
      baseUrl: observed.url,
      model: job.model,
      apiKey: observed.apiKey,
      deadlineMs: this.deps.timeoutMs(),
      signal: controller.signal,
      onFirstToken: (ttftMs) => {
        if (!this.stopped) this.deps.publish({ phase: 'first-token', endpoint: job.endpoint, model: job.model, at: this.deps.clock.now(), ttftMs });
      },
    }).catch((error: unknown) => ({ ok: false as const, reason: `The probe of ${job.model} on ${observed.name} failed: ${(error as Error).message}` }));
    this.controllers.delete(controller);
    this.lastAttempt.set(attemptKey(job.endpoint, job.model), at);
    const endedAt = this.deps.clock.now();
    let outcome: Outcome;
    if (result.ok) {
      const record = toProbeRecord(result, { endpoint: job.endpoint, model: job.model, at, trigger: job.trigger });
      this.history.remember(record);
      state.lastFailure = null;
      outcome = record;
      if (!this.stopped) this.deps.publish({ phase: 'finished', endpoint: job.endpoint, model: job.model, at: endedAt, record });
    } else {
      const failure: ModelProbeFailure = { endpoint: job.endpoint, model: job.model, at, reason: result.reason };
      state.lastFailure = failure;
      outcome = failure;
      if (!this.stopped) this.deps.publish({ phase: 'failed', endpoint: job.endpoint, model: job.model, at: endedAt, failure });
    }
    job.startedAt = null;
    job.outcome = outcome;
    if (!this.stopped) this.changed();
  }

  private track(promise: Promise<void>): Promise<void> {
    this.inFlight.add(promise);
    return promise.finally(() => this.inFlight.delete(promise));
  }

  private changed(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.deps.log.warn(`A probe listener failed: ${(error as Error).message}`);
      }
    }
  }
}

function settle(job: ProbeJob, outcome: Outcome): void {
  for (const resolve of job.settle.splice(0)) resolve(outcome);
}
