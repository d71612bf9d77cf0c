/** @jsxRuntime automatic */
import type { ModelEndpoint, ModelsSnapshot, ModelView } from '../../../../shared/types/models';
import { formatRelativeTime } from '../../format';
import { SeverityBadge } from '../SeverityBadge';
import { describeState, formatMs, formatTokensPerSecond, isSlow } from './modelFormat';

/** Lines of loaded models shown; the rest are counted. */
const SHOWN = 3;

/** The Overview stays quiet about models where there is nothing to say: monitoring off, or no server found. */
export function hasModelsTile(models: ModelsSnapshot | undefined): models is ModelsSnapshot {
  if (!models) return false;
  return models.state === 'unknown' || (models.state === 'ok' && models.endpoints.length > 0);
}

interface LoadedLine {
  endpoint: ModelEndpoint;
  model: ModelView;
}

/** Slow ones first, then the slowest last decode rate; never probed last. */
function bySlowest(a: LoadedLine, b: LoadedLine): number {
  const slow = Number(isSlow(b.model)) - Number(isSlow(a.model));
  if (slow !== 0) return slow;
  const rate = (line: LoadedLine) => line.model.lastProbe?.decodeTokensPerSecond ?? Infinity;
  return rate(a) - rate(b);
}

function ModelLine({ endpoint, model }: LoadedLine) {
  const probe = model.lastProbe;
  return (
    <li>
      <span className="models-tile-name">{model.name}</span>
      <span className="muted">
        {probe
          ? `${formatTokensPerSecond(probe.decodeTokensPerSecond)} · TTFT ${formatMs(probe.ttftMs)} · ${formatRelativeTime(probe.at)}${probe.cold ? ' · cold' : ''}`
          : 'not probed yet'}
        {' · '}
        {endpoint.name}
      </span>
      {isSlow(model) && <SeverityBadge severity={model.severity} label={`below ${formatTokensPerSecond(model.targetTokensPerSecond)}`} />}
    </li>
  );
}

/** Model servers at a glance: how many answer, what is loaded, the slowest decode rates, and servers in trouble. */
export function ModelsOverviewTile({ models }: { models: ModelsSnapshot }) {
  if (models.state === 'unknown') return <p className="models-tile-line">Model servers are unknown: {models.error ?? 'no reason given'}</p>;
  const up = models.endpoints.filter((endpoint) => endpoint.up).length;
  const loaded = models.endpoints.flatMap((endpoint) => endpoint.models.filter((model) => model.loaded).map((model) => ({ endpoint, model })));
  const trouble = models.endpoints.filter((endpoint) => !endpoint.up);
  const shown = [...loaded].sort(bySlowest).slice(0, SHOWN);
  return (
    <div className="models-tile">
      <p className="models-tile-line">
        {up} of {models.endpoints.length} {models.endpoints.length === 1 ? 'server' : 'servers'} up · {loaded.length} {loaded.length === 1 ? 'model' : 'models'} loaded
      </p>
      {shown.length > 0 && (
        <ul className="models-tile-list">
          {shown.map((line) => (
            <ModelLine key={`${line.endpoint.url} ${line.model.name}`} {...line} />
          ))}
        </ul>
      )}
      {loaded.length > SHOWN && <p className="muted models-tile-line">and {loaded.length - SHOWN} more loaded</p>}
      {trouble.map((endpoint) => (
        <p key={endpoint.url} className="models-tile-line">
          <SeverityBadge severity={endpoint.severity} label={describeState(endpoint)} /> {endpoint.name}
        </p>
      ))}
    </div>
  );
}
