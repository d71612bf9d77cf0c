/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { ModelEndpoint, ModelProbeProgress, ModelProbeRecord } from '../../../../shared/types/models';
import type { TimeRange } from '../charts/RangePicker';
import { SeverityBadge } from '../SeverityBadge';
import { Panel } from '../StateViews';
import { AvailableModels } from './AvailableModels';
import { LoadedModelRow } from './LoadedModelRow';
import { describeKind, describeRates, describeState } from './modelFormat';
import { ProbeNowButton } from './ProbeNowButton';

const NO_LIVE: readonly ModelProbeRecord[] = [];

interface EndpointCardProps {
  endpoint: ModelEndpoint;
  /** The endpoint's newest live probe message. */
  progress: ModelProbeProgress | undefined;
  /** Probes that finished live, per model name. */
  liveByModel: (model: string) => readonly ModelProbeRecord[];
  range: TimeRange;
  /** Opens the Stacks page filtered by a stack or container name. */
  onOpenContainer: (query: string) => void;
  /** The runbooks that answer this endpoint's checks in trouble (model.down, model.slow). */
  runbookLinks?: ReactNode;
}

function ContainerLine({ container, onOpen }: { container: NonNullable<ModelEndpoint['container']>; onOpen: (query: string) => void }) {
  const query = container.stack ?? container.name;
  return (
    <span>
      container{' '}
      <a
        href={`#/stacks?q=${encodeURIComponent(query)}`}
        onClick={(event) => {
          event.preventDefault();
          onOpen(query);
        }}
      >
        {container.name}
      </a>
      {container.stack && ` (stack ${container.stack})`}
    </span>
  );
}

/** One model server: what it is, whether it answers, its counters, and its models (loaded first, each with its probes). */
export function EndpointCard({ endpoint, progress, liveByModel, range, onOpenContainer, runbookLinks }: EndpointCardProps) {
  const loaded = endpoint.models.filter((model) => model.loaded);
  const available = endpoint.models.filter((model) => !model.loaded);
  const rates = describeRates(endpoint);
  return (
    <Panel title={endpoint.name} aside={<SeverityBadge severity={endpoint.severity} label={describeState(endpoint)} />}>
      <p className="endpoint-facts">
        <span>{describeKind(endpoint)}</span>
        <code className="endpoint-url">{endpoint.url}</code>
        <span className="muted">{endpoint.source === 'configured' ? 'configured' : 'autodetected'}</span>
        {endpoint.container && <ContainerLine container={endpoint.container} onOpen={onOpenContainer} />}
      </p>
      {endpoint.error && endpoint.state !== 'up' && <p className={`endpoint-error sev-${endpoint.severity}`}>{endpoint.error}</p>}
      {runbookLinks}
      {rates && <p className="muted endpoint-rates">Server counters: {rates}</p>}
      {endpoint.notes.map((note, i) => (
        <p key={i} className="muted endpoint-note">
          {note}
        </p>
      ))}
      {loaded.length > 0 && (
        <div className="endpoint-probe">
          {/* With one loaded model its own button is the endpoint's: a second would do the same. */}
          {loaded.length > 1 && <ProbeNowButton endpoint={endpoint} progress={progress} />}
          <span className="muted">
            {endpoint.probe.intervalMinutes > 0 ? `Probed every ${endpoint.probe.intervalMinutes} min` : 'Probed only when asked'}
          </span>
        </div>
      )}
      {loaded.length > 0 ? (
        <ul className="model-rows">
          {loaded.map((model) => (
            <LoadedModelRow key={model.name} endpoint={endpoint} model={model} progress={progress} live={liveByModel(model.name) ?? NO_LIVE} range={range} />
          ))}
        </ul>
      ) : (
        endpoint.up && <p className="muted">No model is loaded{available.length > 0 ? ': the server loads one when it is asked for it.' : '.'}</p>
      )}
      <AvailableModels models={available} anyLoaded={loaded.length > 0} />
    </Panel>
  );
}
