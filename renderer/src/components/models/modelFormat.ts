import type { ModelEndpoint, ModelGpuShare, ModelProbeProgress, ModelProbeRecord, ModelView } from '../../../../shared/types/models';
import { formatGpuBytes } from '../../../../shared/format/gpuMemory';
import { formatRelativeTime, UNKNOWN } from '../../format';

/** 42.34 → "42 tok/s", 7.25 → "7.3 tok/s", 0.42 → "0.42 tok/s": digits only where they matter. */
export function formatTokensPerSecond(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return UNKNOWN;
  const digits = rate >= 10 || rate === 0 ? 0 : rate >= 1 ? 1 : 2;
  return `${rate.toFixed(digits)} tok/s`;
}

/** 182.4 → "182 ms", 1530 → "1.53 s", 65_000 → "65.0 s": milliseconds below a second. */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return UNKNOWN;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${(ms / 1_000).toFixed(2)} s` : `${(ms / 1_000).toFixed(1)} s`;
}

export const formatCount = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? UNKNOWN : String(Math.round(n)));

/** Model memory as GPU memory is counted (binary GB), the same figures as the GPU page. */
export const formatModelBytes = (bytes: number) => formatGpuBytes(bytes);

/** "up · 12 ms", "down", "gone (last seen 5 min ago)": the endpoint's state in words. */
export function describeState(endpoint: ModelEndpoint, now = Date.now()): string {
  if (endpoint.state === 'up') return endpoint.latencyMs == null ? 'up' : `up · ${formatMs(endpoint.latencyMs)}`;
  if (endpoint.state === 'gone') return endpoint.lastSeenAt == null ? 'gone' : `gone (last seen ${formatRelativeTime(endpoint.lastSeenAt, now)})`;
  return 'down';
}

/** "Ollama 0.5.7", "llama.cpp", "server kind not identified". */
export function describeKind(endpoint: ModelEndpoint): string {
  const label = endpoint.kindLabel ?? 'server kind not identified';
  return endpoint.version ? `${label} ${endpoint.version}` : label;
}

/** The server's own counters in words, or null when it exposes none. */
export function describeRates(endpoint: ModelEndpoint): string | null {
  const rates = endpoint.rates;
  const parts: string[] = [];
  if (rates?.generationTokensPerSecond != null) parts.push(`generating ${formatTokensPerSecond(rates.generationTokensPerSecond)}`);
  if (rates?.promptTokensPerSecond != null) parts.push(`reading prompts ${formatTokensPerSecond(rates.promptTokensPerSecond)}`);
  if (rates?.requestsRunning != null) parts.push(`${rates.requestsRunning} ${rates.requestsRunning === 1 ? 'request' : 'requests'} running`);
  if (endpoint.slots) parts.push(`slots ${endpoint.slots.busy} busy, ${endpoint.slots.idle} idle`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function describeGpu(share: ModelGpuShare): string {
  const where = share.gpuIndex == null ? 'a GPU' : `GPU ${share.gpuIndex}`;
  const memory = share.memoryBytes == null ? '' : ` holds ${formatModelBytes(share.memoryBytes)}`;
  return `${where}${memory} (pid ${share.pid})`;
}

/** "4.9 GB · 4.9 GB in VRAM · GPU 0 holds 5.2 GB (pid 3100) · unloads in 4 min": a loaded model's memory. */
export function describeMemory(model: ModelView, now = Date.now()): string {
  const parts: string[] = [];
  if (model.sizeBytes != null) parts.push(formatModelBytes(model.sizeBytes));
  if (model.vramBytes != null) parts.push(`${formatModelBytes(model.vramBytes)} in VRAM`);
  parts.push(...model.gpus.map(describeGpu));
  const expires = model.expiresAt ? Date.parse(model.expiresAt) : NaN;
  if (Number.isFinite(expires)) parts.push(unloadWords(expires - now));
  return parts.length > 0 ? parts.join(' · ') : 'memory not reported';
}

/** When an idle model unloads; a month or more away is a keep-alive of "forever" (Ollama writes year 2318). */
function unloadWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms <= 0) return 'unloads now';
  if (ms < 60_000) return 'unloads in under a minute';
  if (minutes < 120) return `unloads in ${minutes} min`;
  if (minutes < 48 * 60) return `unloads in ${Math.round(minutes / 60)} h`;
  if (minutes < 30 * 24 * 60) return `unloads in ${Math.round(minutes / (24 * 60))} d`;
  return 'stays loaded (no idle unload)';
}

/** "42 tok/s · TTFT 180 ms": a probe's headline, as the tray writes it. */
export function probeHeadline(record: Pick<ModelProbeRecord, 'decodeTokensPerSecond' | 'ttftMs'>): string {
  return `${formatTokensPerSecond(record.decodeTokensPerSecond)} · TTFT ${formatMs(record.ttftMs)}`;
}

/** What a probe in progress (or just ended) says beside its button. */
export function describeProgress(progress: ModelProbeProgress): string {
  switch (progress.phase) {
    case 'started':
      return `Probing ${progress.model}…`;
    case 'first-token':
      return `Probing ${progress.model}… first token after ${formatMs(progress.ttftMs)}`;
    case 'finished':
      return `Finished: ${probeHeadline(progress.record)}`;
    case 'failed':
      return `The probe of ${progress.model} failed: ${progress.failure.reason}`;
  }
}

/** Whether the model's last two probes were below its target (the core's `model.slow`). */
export function isSlow(model: ModelView): boolean {
  return model.severity === 'warning' || model.severity === 'critical';
}
