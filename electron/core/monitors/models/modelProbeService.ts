/**
 * The seam between the `models` module's passive reads and the probes: the collector tells the
 * service what it saw each round (`observe`); the service decides which loaded model is due,
 * runs at most one probe per endpoint, stores the measurements and says when something changed.
 * It lives in the composition root, so a restarted collector keeps the probe history and timers.
 *
 *   service.observe([{ url, name, kind: 'ollama', apiKey: null, intervalMinutes: 30, loadedModels: ['qwen3:8b'], availableModels: [...] }]);
 *   const { last, recentDecode } = service.modelView(url, 'qwen3:8b');
 *   const { started, skipped, done } = service.probeNow({ endpoint: url });   // the operator asked
 */
import type { ProbeNowResult } from '../../../../shared/api/contract/models';
import type { ModelProbeFailure, ModelProbeRecord, ModelServerKindName, ProbeSchedule } from '../../../../shared/types/models';

/** One identified, answering endpoint as the last passive read saw it. */
export interface ObservedEndpoint {
  url: string;
  name: string;
  kind: ModelServerKindName;
  /** Read from the configured `apiKeyEnv`; never logged. */
  apiKey: string | null;
  /** Scheduled probes every this many minutes; 0 = only when asked. */
  intervalMinutes: number;
  /** Only these are probed on schedule (a probe never makes a server load a model by itself). */
  loadedModels: readonly string[];
  availableModels: readonly string[];
}

export interface ProbeNowRequest {
  endpoint?: string;
  model?: string;
  /** Probe a model that is not loaded (the server loads it): only when the operator asks. */
  load?: boolean;
}

export interface ProbeNowOutcome extends ProbeNowResult {
  /** Settles when every started probe has finished (CLI waits on it; the API does not). */
  done: Promise<(ModelProbeRecord | ModelProbeFailure)[]>;
}

export interface ModelProbeService {
  /** The endpoints that answered this round (replaces the previous list). Starts due probes. */
  observe(endpoints: readonly ObservedEndpoint[]): void;
  /** The endpoint's probe state for the snapshot. */
  scheduleView(endpointUrl: string, intervalMinutes: number): ProbeSchedule;
  /** The last stored probe of the model and the decode rates of the newest probes (newest first, ≤ 2). */
  modelView(endpointUrl: string, model: string): { last: ModelProbeRecord | null; recentDecode: number[] };
  probeNow(request: ProbeNowRequest): ProbeNowOutcome;
  /** Called whenever a probe starts or ends (the collector asks for a fresh reading). */
  onChange(listener: () => void): () => void;
  /** Aborts probes in flight and cancels timers. */
  stop(): Promise<void>;
}

/** A service that never probes: for modules run without one (tests, tools). */
export const noProbes: ModelProbeService = {
  observe: () => undefined,
  scheduleView: (_url, intervalMinutes) => ({ intervalMinutes, inFlight: null, lastFailure: null }),
  modelView: () => ({ last: null, recentDecode: [] }),
  probeNow: () => ({ started: [], skipped: [{ endpoint: '', model: null, reason: 'Probes are not available here.' }], done: Promise.resolve([]) }),
  onChange: () => () => undefined,
  stop: async () => undefined,
};
