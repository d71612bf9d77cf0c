/**
 * The probe's arithmetic, apart from any socket so tests can drive it with scripted timestamps.
 *
 * - TTFT: request sent → arrival of the first chunk carrying text (content or reasoning).
 * - Decode tokens/s: tokens generated after the first text chunk over the time between the first
 *   and the last text chunk. With one token per chunk that is `(n − 1) / (t_last − t_first)`; a
 *   server that batches k tokens per chunk (vLLM `--stream-interval`, speculative decoding,
 *   proxies) would make that over-read by about k/n, so the first chunk's share is taken as the
 *   average `n / chunks`: `(n − n/chunks) / (t_last − t_first)`.
 * - n is the server's `completion_tokens` (or Ollama's `eval_count`, or llama.cpp's
 *   `timings.predicted_n` when usage is missing); without any the result is `estimated`, and n is
 *   the request's `max_tokens` when the server said it stopped there (`finish_reason: "length"`),
 *   else the text chunks (which reads low when the server batches tokens).
 * - Prefill tokens/s: `prompt_tokens / TTFT`, client-derived, so it includes HTTP and queueing.
 */
import { isCold } from './serverFigures';
import type { ProbeSuccess, ServerFigures } from './probeTypes';

const NS_PER_MS = 1_000_000;

export class ProbeMeter {
  private sentAt: bigint | null = null;
  private firstTextAt: bigint | null = null;
  private lastTextAt: bigint | null = null;
  private textChunks = 0;
  private promptTokens: number | null = null;
  private completionTokens: number | null = null;
  private server: ServerFigures | null = null;
  private answeringModel: string | null = null;
  private stoppedAtLimit: number | null = null;

  constructor(
    private readonly askedModel: string,
    /** Told the TTFT as soon as the first text arrives (a throwing listener does not fail the probe). */
    private readonly onFirstToken?: (ttftMs: number) => void,
  ) {}

  /** The request has been handed to the OS; the TTFT clock starts here. */
  sent(at: bigint): void {
    this.sentAt = at;
  }

  /** A chunk carrying generated text arrived at `at`. */
  text(at: bigint): void {
    if (this.firstTextAt === null && this.sentAt !== null && this.onFirstToken) {
      try {
        this.onFirstToken(Number(at - this.sentAt) / NS_PER_MS);
      } catch {
        // progress is news, not part of the measurement
      }
    }
    this.firstTextAt ??= at;
    this.lastTextAt = at;
    this.textChunks++;
  }

  get chunks(): number {
    return this.textChunks;
  }

  get hasText(): boolean {
    return this.textChunks > 0;
  }

  counts(prompt: number | null, completion: number | null): void {
    if (prompt !== null) this.promptTokens = prompt;
    if (completion !== null) this.completionTokens = completion;
  }

  /**
   * The server said it stopped because it reached the request's `max_tokens` (`finish_reason:
   * "length"`, Ollama `done_reason: "length"`): it generated exactly that many tokens. Without a
   * token count this is a far better estimate than counting chunks when a server batches.
   */
  reachedLimit(maxTokens: number): void {
    this.stoppedAtLimit = maxTokens;
  }

  serverFigures(figures: ServerFigures): void {
    this.server = figures;
  }

  model(name: string): void {
    this.answeringModel ??= name;
  }

  /** The measurement, once the stream has ended at `endAt`; null when no text ever came. */
  finish(endAt: bigint): ProbeSuccess | null {
    if (this.sentAt === null || this.firstTextAt === null || this.lastTextAt === null) return null;
    const serverCount = this.server?.kind === 'llama.cpp' ? this.server.predictedTokens : null;
    const counted = this.completionTokens ?? serverCount;
    // Still `estimated` without the server's own count; the token cap beats counting chunks.
    const estimated = counted === null;
    const n = counted ?? (this.stoppedAtLimit !== null && this.stoppedAtLimit >= this.textChunks ? this.stoppedAtLimit : this.textChunks);
    const ttftMs = Number(this.firstTextAt - this.sentAt) / NS_PER_MS;
    const spanSeconds = Number(this.lastTextAt - this.firstTextAt) / 1e9;
    const afterFirst = n - n / this.textChunks;
    const decode = this.textChunks >= 2 && spanSeconds > 0 && afterFirst > 0 ? afterFirst / spanSeconds : null;
    const prefill = this.promptTokens !== null && this.promptTokens > 0 && ttftMs > 0 ? this.promptTokens / (ttftMs / 1000) : null;
    return {
      ok: true,
      model: this.answeringModel ?? this.askedModel,
      ttftMs,
      decodeTokensPerSecond: decode,
      prefillTokensPerSecond: prefill,
      completionTokens: n,
      promptTokens: this.promptTokens,
      tokenChunks: this.textChunks,
      totalMs: Number(endAt - this.sentAt) / NS_PER_MS,
      estimated,
      cold: isCold(this.server),
      server: this.server,
    };
  }
}
