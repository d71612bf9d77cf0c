/**
 * Model servers on the host (Ollama, llama.cpp, LM Studio, vLLM, mlx-lm): what each serves, what
 * it has loaded, and how fast it answered its last probe. The JSON of `opsbar models --json` and of
 * the status's `models` section. Every name and text here came from a server: untrusted.
 */
import type { Severity } from './severity';

export type ModelServerKindName = 'ollama' | 'llamacpp' | 'lmstudio' | 'vllm' | 'mlx';

/** Which figure a probe's headline numbers are: measured by Opsbar, or reported by the server. */
export type ProbeFigureSource = 'client' | 'server';

/** What the server said about its own work on one probe, in its own terms (ms, per second). */
export type ServerProbeFigures =
  | {
      kind: 'llama.cpp';
      /** `timings.predicted_per_second`: decode rate measured inside the server. */
      decodeTokensPerSecond: number | null;
      prefillTokensPerSecond: number | null;
      predictedTokens: number | null;
      promptTokens: number | null;
      /** `cache_n`: prompt tokens reused from the KV cache (not prefilled again). */
      cachedTokens: number | null;
      predictedMs: number | null;
      promptMs: number | null;
    }
  | {
      kind: 'lmstudio';
      decodeTokensPerSecond: number | null;
      ttftMs: number | null;
      generationMs: number | null;
      /** Present only when this request loaded the model (a cold probe). */
      modelLoadMs: number | null;
    }
  | {
      kind: 'ollama';
      decodeTokensPerSecond: number | null;
      prefillTokensPerSecond: number | null;
      evalCount: number | null;
      evalMs: number | null;
      promptEvalCount: number | null;
      promptEvalMs: number | null;
      loadMs: number | null;
      totalMs: number | null;
    };

/** One probe that measured something (failed probes are not measurements). */
export interface ModelProbeRecord {
  /** Endpoint URL as configured or detected. */
  endpoint: string;
  model: string;
  /** When the probe started (ms since epoch). */
  at: number;
  ttftMs: number;
  /** The headline decode rate: the client's, or the server's where the client could only estimate. */
  decodeTokensPerSecond: number | null;
  prefillTokensPerSecond: number | null;
  completionTokens: number;
  promptTokens: number | null;
  totalMs: number;
  source: ProbeFigureSource;
  /** No token count came back: tokens were counted as chunks (reads low if the server batches). */
  estimated: boolean;
  /** The server says it loaded the model for this probe. */
  cold: boolean;
  /** What Opsbar measured, always. */
  client: { ttftMs: number; decodeTokensPerSecond: number | null; prefillTokensPerSecond: number | null; tokenChunks: number };
  server: ServerProbeFigures | null;
  trigger: 'schedule' | 'operator';
}

/** A probe that could not measure: why, in one sentence. Not stored as a measurement. */
export interface ModelProbeFailure {
  endpoint: string;
  model: string;
  at: number;
  reason: string;
}

/** GPU memory held by the server process (or its container) that serves a model. */
export interface ModelGpuShare {
  gpuIndex: number | null;
  memoryBytes: number | null;
  pid: number;
}

/** One model a server knows: available (listed, on disk) and maybe loaded (in memory). */
export interface ServedModelFacts {
  name: string;
  loaded: boolean;
  /** Bytes the loaded model takes (Ollama `size`), or its file size where only that is known. */
  sizeBytes: number | null;
  /** Bytes of it in GPU memory (Ollama `size_vram`). */
  vramBytes: number | null;
  /** When the server will unload it if idle (Ollama `expires_at`, ISO 8601). */
  expiresAt: string | null;
  contextLength: number | null;
  /** Kind-specific facts worth showing: type, quantization, arch, path… */
  details: Record<string, string>;
}

export interface ModelView extends ServedModelFacts {
  /** Which GPU(s) hold the serving process's memory; empty when no GPU process maps to it. */
  gpus: ModelGpuShare[];
  /** Decode tokens/s below this on two probes in a row is `model.slow`. */
  targetTokensPerSecond: number;
  lastProbe: ModelProbeRecord | null;
  /** Decode rates of the last probes, newest first (at most 2): what `model.slow` judges. */
  recentDecode: number[];
  severity: Severity;
}

export type EndpointState =
  /** Answered its listing this round. */
  | 'up'
  /** A configured endpoint that does not answer (or answers wrong). */
  | 'down'
  /** An autodetected endpoint that was seen and no longer answers. */
  | 'gone';

export interface ProbeSchedule {
  /** Minutes between scheduled probes of each loaded model; 0 = only when asked. */
  intervalMinutes: number;
  /** The probe running now on this endpoint (never two at once). */
  inFlight: { model: string; startedAt: number } | null;
  /** The last probe that failed, when it failed after the last success. */
  lastFailure: ModelProbeFailure | null;
}

export interface ModelEndpoint {
  url: string;
  /** The configured name, else "<kind label> :<port>". */
  name: string;
  kind: ModelServerKindName | null;
  /** "Ollama", "llama.cpp", …; null when not identified. */
  kindLabel: string | null;
  version: string | null;
  source: 'configured' | 'autodetected';
  state: EndpointState;
  up: boolean;
  latencyMs: number | null;
  /** Why it is down or gone, as a sentence. */
  error: string | null;
  lastSeenAt: number | null;
  /** The container publishing this port, when it was found through Docker. */
  container: { name: string; stack: string | null } | null;
  models: ModelView[];
  /** llama.cpp slots in use. */
  slots: { busy: number; idle: number } | null;
  /** Rates from the server's `*_total` counters between two scrapes; null where not exposed. */
  rates: { generationTokensPerSecond: number | null; promptTokensPerSecond: number | null; requestsRunning: number | null } | null;
  /** Sentences about optional parts that could not be read. */
  notes: string[];
  probe: ProbeSchedule;
  /** The newest probe of any of its models. */
  lastProbe: ModelProbeRecord | null;
  severity: Severity;
}

export type ModelsState = 'ok' | 'disabled' | 'unknown';

export interface ModelsSnapshot {
  at: number;
  state: ModelsState;
  error: string | null;
  /** Configured endpoints first, then autodetected ones. */
  endpoints: ModelEndpoint[];
  /** When the next autodetection runs (every 5 minutes by default). */
  nextDetectionAt: number | null;
}

/** Live progress of a probe, pushed as it happens. */
export type ModelProbeProgress =
  | { phase: 'started'; endpoint: string; model: string; at: number; trigger: 'schedule' | 'operator' }
  | { phase: 'first-token'; endpoint: string; model: string; at: number; ttftMs: number }
  | { phase: 'finished'; endpoint: string; model: string; at: number; record: ModelProbeRecord }
  | { phase: 'failed'; endpoint: string; model: string; at: number; failure: ModelProbeFailure };
