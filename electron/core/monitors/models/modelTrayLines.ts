import type { ModelsSnapshot } from '../../../../shared/types/models';
import { severityRank } from '../../../../shared/types/severity';
import type { Assessment, TrayLine } from '../monitorModule';
import { rateText } from './modelChecks';

/** The tray shows at most this many model lines (worst first), so the menu stays short. */
export const MAX_MODEL_TRAY_LINES = 6;

/**
 * "llama3.1:8b · 42 tok/s · TTFT 180 ms" per loaded model with a probe, "… · loaded, not probed
 * yet" without one, "Ollama :11434 · down" per endpoint that does not answer; worst first.
 */
export function modelTrayLines({ snapshot, checks }: Assessment<ModelsSnapshot>): TrayLine[] {
  if (snapshot.state === 'unknown') return checks.filter((c) => c.severity !== 'ok').map((c) => ({ label: `Models — ${c.summary}`, severity: c.severity }));
  if (snapshot.state !== 'ok') return [];
  const lines: TrayLine[] = [];
  for (const endpoint of snapshot.endpoints) {
    if (!endpoint.up) {
      lines.push({ label: `${endpoint.name} · ${endpoint.state}`, severity: endpoint.severity });
      continue;
    }
    for (const model of endpoint.models) {
      if (!model.loaded) continue;
      const probe = model.lastProbe;
      if (!probe) {
        lines.push({ label: `${model.name} · loaded, not probed yet`, severity: model.severity });
        continue;
      }
      const decode = probe.decodeTokensPerSecond === null ? '' : ` · ${rateText(probe.decodeTokensPerSecond)} tok/s`;
      lines.push({ label: `${model.name}${decode} · TTFT ${Math.round(probe.ttftMs)} ms`, severity: model.severity });
    }
  }
  // Stable sort: worst first, otherwise in snapshot order.
  return lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => severityRank(b.line.severity) - severityRank(a.line.severity) || a.index - b.index)
    .slice(0, MAX_MODEL_TRAY_LINES)
    .map(({ line }) => line);
}
