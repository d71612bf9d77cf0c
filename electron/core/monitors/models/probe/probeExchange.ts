/**
 * The part both probes share: the bounded streaming POST timed by the meter, failures told as
 * one sentence (`reasonFor`, with the chunks received so far), and the measured end. Each probe
 * brings its URL, body, media type and line reader (SSE for OpenAI-style servers, NDJSON for Ollama).
 */
import type { ProbeMeter } from './probeMeter';
import { failureReason, shownUrl } from './probeReasons';
import { DEFAULT_DEADLINE_MS, DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE_BYTES, type ProbeDeps, type ProbeRequest, type ProbeResult } from './probeTypes';
import { streamingPost, type LineVerdict, type PostFailure, type PostOutcome } from './streamingPost';

export interface ProbeExchange {
  url: URL;
  body: string;
  accept: string;
  meter: ProbeMeter;
  onLine(line: string, at: bigint): LineVerdict;
}

export interface ExchangeOutcome {
  outcome: PostOutcome;
  /** A failure as the probe's answer, with the chunks the meter holds now. */
  reasonFor(failure: PostFailure): ProbeResult;
}

export async function runProbeExchange(request: ProbeRequest, deps: ProbeDeps, exchange: ProbeExchange): Promise<ExchangeOutcome> {
  const deadlineMs = request.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const { url, meter } = exchange;
  const outcome = await streamingPost({
    url,
    body: exchange.body,
    apiKey: request.apiKey,
    accept: exchange.accept,
    deadlineMs,
    maxBytes: request.maxBytes ?? DEFAULT_MAX_BYTES,
    maxLineBytes: request.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    signal: request.signal,
    now: deps.now ?? process.hrtime.bigint,
    onSent: (at) => meter.sent(at),
    onLine: exchange.onLine,
  });
  const reasonFor = (failure: PostFailure): ProbeResult => ({
    ok: false,
    reason: failureReason(failure, { url, model: request.model, deadlineMs, chunks: meter.chunks, apiKeySent: Boolean(request.apiKey) }),
  });
  return { outcome, reasonFor };
}

/** The meter's figures, or why there are none: an answer without any text measures nothing. */
export function measuredResult(meter: ProbeMeter, url: URL, endAt: bigint): ProbeResult {
  return meter.finish(endAt) ?? { ok: false, reason: `${shownUrl(url)} finished the answer without generating any text; nothing was measured.` };
}
