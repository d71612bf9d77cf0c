import { formatBytes } from '../../../../shared/format/bytes';
import { formatGpuBytes } from '../../../../shared/format/gpuMemory';
import type { ModelEndpoint, ModelsSnapshot, ModelView } from '../../../../shared/types/models';
import { rateText } from './modelChecks';

/**
 * `opsbar models` (and the models part of `opsbar status`, only when there are endpoints): each
 * endpoint with kind, version, up/latency, then its models with loaded state, memory and last probe.
 */
export function modelsText(snapshot: ModelsSnapshot, purpose: 'status' | 'alone'): string | null {
  if (snapshot.state === 'disabled') return purpose === 'alone' ? `Models: ${snapshot.error ?? 'turned off in the config (models.enabled: false)'}` : null;
  if (snapshot.state !== 'ok') return `Models: ${snapshot.state} — ${snapshot.error ?? 'no reading'}`;
  if (snapshot.endpoints.length === 0) return purpose === 'alone' ? 'Model servers: none found on this host (configure models.endpoints to name one).' : null;
  const lines = ['Model servers:'];
  for (const endpoint of snapshot.endpoints) lines.push(...endpointLines(endpoint));
  return lines.join('\n');
}

function endpointLines(e: ModelEndpoint): string[] {
  const kind = e.kindLabel ? `${e.kindLabel}${e.version ? ` ${e.version}` : ''}` : 'kind unknown';
  const where = e.container ? `, container ${JSON.stringify(e.container.name)}${e.container.stack ? ` (stack ${JSON.stringify(e.container.stack)})` : ''}` : '';
  const state = e.up ? `up, ${Math.round(e.latencyMs ?? 0)} ms` : `${e.state}: ${e.error ?? 'no answer'}`;
  const lines = [`  ${JSON.stringify(e.name)} ${e.url} (${kind}, ${e.source}${where}): ${state}`];
  if (e.rates?.generationTokensPerSecond != null) lines.push(`    server counters: ${rateText(e.rates.generationTokensPerSecond)} tok/s generated${e.rates.requestsRunning != null ? `, ${e.rates.requestsRunning} requests running` : ''}`);
  if (e.slots) lines.push(`    slots: ${e.slots.busy} busy, ${e.slots.idle} idle`);
  for (const model of e.models) lines.push(`    ${modelLine(model)}`);
  for (const note of e.notes) lines.push(`    note: ${note}`);
  if (e.probe.lastFailure) lines.push(`    last probe failed: ${e.probe.lastFailure.reason}`);
  return lines;
}

function modelLine(m: ModelView): string {
  const parts = [JSON.stringify(m.name), m.loaded ? 'loaded' : 'available'];
  if (m.loaded && m.sizeBytes !== null) // Model sizes in decimal units, as `ollama ps` and LM Studio print them; GPU process memory in the GPU's units.
    parts.push(`${formatBytes(m.sizeBytes)}${m.vramBytes !== null ? ` (${formatBytes(m.vramBytes)} in GPU memory)` : ''}`);
  for (const gpu of m.gpus) parts.push(`GPU ${gpu.gpuIndex ?? '?'} ${formatGpuBytes(gpu.memoryBytes)} (pid ${gpu.pid})`);
  const p = m.lastProbe;
  if (p) {
    const decode = p.decodeTokensPerSecond === null ? 'decode not measured' : `${rateText(p.decodeTokensPerSecond)} tok/s${p.estimated ? ' (estimated)' : ''}`;
    parts.push(`last probe ${new Date(p.at).toISOString().slice(0, 16).replace('T', ' ')} UTC: ${decode}, TTFT ${Math.round(p.ttftMs)} ms${p.cold ? ', cold' : ''}`);
  } else if (m.loaded) parts.push('not probed yet');
  return parts.join(' · ');
}
