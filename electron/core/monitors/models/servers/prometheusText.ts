/**
 * A small, bounded parser of the Prometheus text exposition format (what vLLM and llama.cpp
 * `/metrics` answer), and the few counters Opsbar needs from it.
 *
 *   const samples = parsePrometheusText(body);            // [{ name, labels, value }]
 *   const counters = serverCountersOf(samples);           // generation/prompt token totals…
 *
 * Only sample lines are kept (`# HELP`/`# TYPE` are skipped); malformed lines are skipped rather
 * than failing the scrape, since a server's other families must not hide the ones we need. At most
 * `maxSamples` samples are read so a flood cannot grow memory (the body itself is already capped by
 * the GET). Metric names differ across releases, so each counter has a list of known names.
 */

export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export const DEFAULT_MAX_SAMPLES = 20_000;

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

export function parsePrometheusText(text: string, maxSamples = DEFAULT_MAX_SAMPLES): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const raw of text.split('\n')) {
    if (samples.length >= maxSamples) break;
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) continue;
    const value = sampleValue(match[3]);
    if (value === null) continue;
    samples.push({ name: match[1], labels: labelsOf(match[2] ?? ''), value });
  }
  return samples;
}

/** Token and request figures a model server exposes; null where the server does not expose it. */
export interface ServerCounters {
  /** Monotonic total of generated tokens (counter). */
  generationTokensTotal: number | null;
  /** Monotonic total of prompt (prefill) tokens (counter). */
  promptTokensTotal: number | null;
  /** Requests being processed now (a gauge: shown as is, never turned into a rate). */
  requestsRunning: number | null;
}

// Names by server and release. vLLM: vllm/engine/metrics.py and v1/metrics/loggers.py;
// llama.cpp: tools/server/server.cpp (`llamacpp:` prefix, counters end in `_total`).
const GENERATION_TOTALS = ['vllm:generation_tokens_total', 'llamacpp:tokens_predicted_total'];
const PROMPT_TOTALS = ['vllm:prompt_tokens_total', 'llamacpp:prompt_tokens_total'];
const RUNNING = ['vllm:num_requests_running', 'llamacpp:requests_processing'];

export function serverCountersOf(samples: readonly PrometheusSample[]): ServerCounters {
  return {
    generationTokensTotal: sumOf(samples, GENERATION_TOTALS),
    promptTokensTotal: sumOf(samples, PROMPT_TOTALS),
    requestsRunning: sumOf(samples, RUNNING),
  };
}

/** Sum over label sets (vLLM labels by model_name) of the first name present; null if none is. */
export function sumOf(samples: readonly PrometheusSample[], names: readonly string[]): number | null {
  for (const name of names) {
    const matching = samples.filter((sample) => sample.name === name);
    if (matching.length > 0) return matching.reduce((total, sample) => total + sample.value, 0);
  }
  return null;
}

function sampleValue(text: string): number | null {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return null;
  const value = Number(text);
  return Number.isNaN(value) ? null : value;
}

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(LABEL)) {
    labels[match[1]] = match[2].replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}
