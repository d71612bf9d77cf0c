/** @jsxRuntime automatic */
import type { ModelEndpoint, ModelProbeProgress, ModelProbeRecord, ModelView } from '../../../../shared/types/models';
import type { TimeRange } from '../charts/RangePicker';
import { SeverityBadge } from '../SeverityBadge';
import { describeMemory, formatTokensPerSecond, isSlow } from './modelFormat';
import { ModelProbeChart } from './ModelProbeChart';
import { ProbeFigures } from './ProbeFigures';
import { ProbeNowButton } from './ProbeNowButton';

/** The newer of the snapshot's last probe and the newest one that finished live. */
export function lastProbeOf(model: ModelView, live: readonly ModelProbeRecord[]): ModelProbeRecord | null {
  const newest = live.length > 0 ? live[live.length - 1] : null;
  if (!newest) return model.lastProbe;
  return !model.lastProbe || newest.at >= model.lastProbe.at ? newest : model.lastProbe;
}

/** "below its target of 30 tok/s on the last two probes (22 and 24 tok/s)". */
function slowWords(model: ModelView): string {
  const rates = [...model.recentDecode].reverse().map((rate) => formatTokensPerSecond(rate).replace(' tok/s', ''));
  const figures = rates.length > 0 ? ` (${rates.join(' and ')} tok/s)` : '';
  return `slow: below its target of ${formatTokensPerSecond(model.targetTokensPerSecond)} on the last ${rates.length === 1 ? 'probe' : 'two probes'}${figures}`;
}

function detailsLine(model: ModelView): string | null {
  const parts = Object.values(model.details).filter((value) => value.trim() !== '');
  if (model.contextLength != null) parts.push(`context ${model.contextLength.toLocaleString('en-US')} tokens`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

interface LoadedModelRowProps {
  endpoint: ModelEndpoint;
  model: ModelView;
  progress: ModelProbeProgress | undefined;
  live: readonly ModelProbeRecord[];
  range: TimeRange;
}

/** One loaded model: its memory and GPU, whether it is slow against its target, Probe now, the last probe's figures and its history. */
export function LoadedModelRow({ endpoint, model, progress, live, range }: LoadedModelRowProps) {
  const last = lastProbeOf(model, live);
  const details = detailsLine(model);
  const slow = isSlow(model);
  return (
    <li className={`model-row model-row-${model.severity}`} aria-label={`Model ${model.name}`}>
      <div className="model-row-head">
        <span className="model-name">{model.name}</span>
        {slow ? <SeverityBadge severity={model.severity} label={slowWords(model)} /> : <span className="muted">target {formatTokensPerSecond(model.targetTokensPerSecond)}</span>}
      </div>
      <p className="model-memory">{describeMemory(model)}</p>
      {details && <p className="muted model-details">{details}</p>}
      <ProbeNowButton endpoint={endpoint} model={model.name} progress={progress} />
      {last && <ProbeFigures record={last} />}
      <ModelProbeChart endpoint={endpoint.url} model={model.name} target={model.targetTokensPerSecond} range={range} live={live} />
    </li>
  );
}
