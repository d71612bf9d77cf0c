/**
 * Per-second rate of a Prometheus `*_total` counter between two scrapes (tokens/s from
 * `vllm:generation_tokens_total`, `llamacpp:tokens_predicted_total`, …).
 *
 *   counterRate({ value: 1000, atMs: t0 }, { value: 1420, atMs: t0 + 15_000 })   // 28
 *
 * Only counters: a gauge that resets when scraped gives nonsense here. A counter that went down
 * means the server restarted between scrapes, so there is no rate (null) rather than a negative or
 * a guess; so is a missing value or a non-increasing time.
 */

export interface CounterScrape {
  value: number | null;
  /** When the scrape was taken (ms, any monotonic clock shared by both scrapes). */
  atMs: number;
}

export function counterRate(previous: CounterScrape | null, current: CounterScrape): number | null {
  if (!previous || previous.value === null || current.value === null) return null;
  if (!Number.isFinite(previous.value) || !Number.isFinite(current.value)) return null;
  const elapsedMs = current.atMs - previous.atMs;
  if (elapsedMs <= 0) return null;
  const delta = current.value - previous.value;
  if (delta < 0) return null; // reset: the server restarted
  return delta / (elapsedMs / 1000);
}
