/** @jsxRuntime automatic */
import { useCallback, useState } from 'react';
import type { ModelEndpoint, ModelProbeRecord } from '../../../shared/types/models';
import type { StatusCheck, StatusSnapshot } from '../../../shared/types/status';
import { RangePicker, TIME_RANGES } from '../components/charts/RangePicker';
import { EndpointCard } from '../components/models/EndpointCard';
import { ModelsEmpty } from '../components/models/ModelsEmpty';
import { RunbookLinks } from '../components/RunbookLinks';
import { ErrorState, LoadingState } from '../components/StateViews';
import { formatRelativeTime } from '../format';
import { useApiCall, type ApiCallState } from '../hooks/useApiCall';
import { useModelsSnapshot } from '../hooks/useModelsSnapshot';
import { modelKey, useProbeProgress } from '../hooks/useProbeProgress';

const NO_LIVE: readonly ModelProbeRecord[] = [];
const NO_CHECKS: readonly StatusCheck[] = [];

/** The endpoint's checks as the core words them: `model.down:<url>`, `model.slow:<url>/<model>`. */
function endpointChecks(checks: readonly StatusCheck[], endpoint: ModelEndpoint): StatusCheck[] {
  return checks.filter((check) => check.id === `model.down:${endpoint.url}` || check.id.startsWith(`model.slow:${endpoint.url}/`));
}

/** Every model server on the host, what each has loaded, and how fast each model answered its probes. */
export function ModelsPage({ navigate, status }: { navigate: (route: string) => void; status?: ApiCallState<StatusSnapshot> }) {
  const models = useModelsSnapshot();
  const library = useApiCall('runbooks.list', {});
  const runbooks = library.data?.runbooks ?? [];
  const checks = status?.data?.checks ?? NO_CHECKS;
  const openRunbook = (id: string) => navigate(`runbooks?id=${encodeURIComponent(id)}`);
  const progress = useProbeProgress();
  const [range, setRange] = useState(TIME_RANGES[0]);
  const { finished } = progress;
  const liveFor = useCallback((endpoint: string) => (model: string) => finished.get(modelKey(endpoint, model)) ?? NO_LIVE, [finished]);
  const snapshot = models.data;
  if (!snapshot) {
    if (models.error) return <ErrorState title="Could not load the model servers" error={models.error} onRetry={models.reload} />;
    return <LoadingState what="model servers" />;
  }
  const openStacks = (query: string) => navigate(`stacks?q=${encodeURIComponent(query)}`);
  if (snapshot.state === 'disabled' || snapshot.endpoints.length === 0) {
    return (
      <div className="models-page">
        <ModelsEmpty models={snapshot} />
      </div>
    );
  }
  return (
    <div className="models-page">
      <div className="toolbar">
        <RangePicker value={range} onChange={setRange} />
        <span className="muted">updated {formatRelativeTime(snapshot.at)}</span>
      </div>
      {snapshot.state === 'unknown' && (
        <p className="state state-error" role="alert">
          The last reading of the model servers failed: {snapshot.error ?? 'no reason given'}. What is shown is from the reading before.
        </p>
      )}
      {snapshot.endpoints.map((endpoint) => (
        <EndpointCard
          key={endpoint.url}
          endpoint={endpoint}
          progress={progress.byEndpoint.get(endpoint.url)}
          liveByModel={liveFor(endpoint.url)}
          range={range}
          onOpenContainer={openStacks}
          runbookLinks={<RunbookLinks subject={endpoint.name} checks={endpointChecks(checks, endpoint)} runbooks={runbooks} onOpenRunbook={openRunbook} />}
        />
      ))}
    </div>
  );
}
