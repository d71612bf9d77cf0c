/**
 * The probe's public types: what a caller asks for, what it injects, what comes back.
 *
 *   const result = await streamProbe({ baseUrl: 'http://127.0.0.1:8080', model: 'qwen3:8b' });
 *   if (result.ok) console.log(result.decodeTokensPerSecond, result.ttftMs);
 *   else console.log(result.reason); // a plain sentence; nothing was measured
 *
 * A probe is one small streamed generation (fixed prompt, 64 tokens, temperature 0). Figures the
 * client measured sit at the top level; figures the server reported about itself sit in `server`.
 */
import type { ServerProbeFigures } from '../../../../../shared/types/models';

export interface ProbeRequest {
  /** Server root, e.g. `http://127.0.0.1:11434` (a trailing `/v1` is tolerated). */
  baseUrl: string;
  /** The model to ask; probe only models the server lists as loaded (the caller's job). */
  model: string;
  /** Sent as `Authorization: Bearer …`; never logged and never put into a reason. */
  apiKey?: string | null;
  /**
   * Path of the OpenAI-style endpoint. Default `/v1/chat/completions`; LM Studio's
   * `/api/v0/chat/completions` adds its `stats`. Ignored by `ollamaChatProbe` (`/api/chat`).
   */
  path?: string;
  /** The whole probe must finish within this; default 60 000 ms. */
  deadlineMs?: number;
  /** Stop reading (and fail) past this many response bytes; default 4 MiB. */
  maxBytes?: number;
  /** Stop reading (and fail) on a line longer than this; default 256 KiB. */
  maxLineBytes?: number;
  signal?: AbortSignal;
  /** Called once, when the first chunk carrying text arrives (live "first token after 150 ms"). */
  onFirstToken?: (ttftMs: number) => void;
}

export interface ProbeDeps {
  /** Monotonic clock in nanoseconds; `process.hrtime.bigint` unless a test injects one. */
  now?: () => bigint;
}

/** What the server said about its own work on this request, in its own terms (ms, per second): stored as is. */
export type ServerFigures = ServerProbeFigures;

export interface ProbeSuccess {
  ok: true;
  /** The model the server says answered (falls back to the one asked for). */
  model: string;
  /** Request sent → first chunk carrying content or reasoning text. */
  ttftMs: number;
  /** Client-measured decode rate; null when fewer than two chunks carried tokens. */
  decodeTokensPerSecond: number | null;
  /** Client-derived `prompt_tokens / TTFT` (includes HTTP and queueing); null without a count. */
  prefillTokensPerSecond: number | null;
  completionTokens: number;
  promptTokens: number | null;
  /** Chunks that carried content or reasoning text. */
  tokenChunks: number;
  /** Request sent → end of the stream. */
  totalMs: number;
  /** True when the server gave no token count, so tokens = chunks (reads low if it batches). */
  estimated: boolean;
  /** The server says it loaded the model for this request. */
  cold: boolean;
  server: ServerFigures | null;
}

export type ProbeResult = ProbeSuccess | { ok: false; reason: string };

export const PROBE_PROMPT = 'Count from 1 to 100, separated by spaces.';
export const PROBE_MAX_TOKENS = 64;
export const DEFAULT_DEADLINE_MS = 60_000;
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_LINE_BYTES = 256 * 1024;
