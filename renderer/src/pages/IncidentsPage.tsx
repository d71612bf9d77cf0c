/** @jsxRuntime automatic */
import { IncidentDetailView } from '../components/incidents/IncidentDetailView';
import { IncidentList } from '../components/incidents/IncidentList';
import { WeeklyIncidentsChart } from '../components/incidents/WeeklyIncidentsChart';
import type { WeeklyChartFactory } from '../components/incidents/weeklyChart';
import { ErrorState, LoadingState, Panel } from '../components/StateViews';
import { useApiCall } from '../hooks/useApiCall';
import { useIncidentDetail } from '../hooks/useIncidentDetail';
import { useIncidents } from '../hooks/useIncidents';
import { useLiveMessages } from '../hooks/useLiveMessages';

export const NO_INCIDENTS = 'No incidents. An incident opens when an alert fires at warning or worse.';

interface IncidentsPageProps {
  /** `['12']` in `#/incidents/12`: the selected incident. */
  path: string[];
  navigate: (route: string) => void;
  /** Tests inject a chart (jsdom has no canvas). */
  createChart?: WeeklyChartFactory;
}

function SelectedIncident({ id, navigate }: { id: number; navigate: (route: string) => void }) {
  const detail = useIncidentDetail(id);
  if (!detail.data) {
    if (detail.error) return <ErrorState title={`Could not load incident #${id}`} error={detail.error} onRetry={detail.reload} />;
    return <LoadingState what={`incident #${id}`} />;
  }
  return <IncidentDetailView incident={detail.data} onChanged={(next) => detail.setData(() => next)} navigate={navigate} />;
}

function WeeklyPanel({ createChart }: { createChart?: WeeklyChartFactory }) {
  const weekly = useApiCall('incidents.weekly', { weeks: 12 });
  // A resolved incident moves this week's MTTR.
  useLiveMessages((message) => {
    if (message.type === 'incident') weekly.reload();
  });
  return (
    <Panel title="Incidents per week">
      {weekly.data ? (
        <WeeklyIncidentsChart weeks={weekly.data} {...(createChart ? { createChart } : {})} />
      ) : weekly.error ? (
        <ErrorState title="Could not load the weekly figures" error={weekly.error} onRetry={weekly.reload} />
      ) : (
        <LoadingState what="weekly figures" />
      )}
    </Panel>
  );
}

/** `#/incidents` and `#/incidents/<id>`: open incidents first, the selected one's timeline and actions, the weekly chart. */
export function IncidentsPage({ path, navigate, createChart }: IncidentsPageProps) {
  const incidents = useIncidents('all');
  const list = incidents.data;
  const asked = /^[1-9]\d*$/.test(path[0] ?? '') ? Number(path[0]) : null;
  // Without an id in the address, the first (an open one when there is one) is shown.
  const selectedId = asked ?? list?.[0]?.id ?? null;
  return (
    <div className="incidents-page">
      <div className="incidents-columns">
        <Panel title="Incidents" aside={list ? <span className="muted">{list.filter((i) => i.state === 'open').length} open</span> : undefined}>
          {list ? (
            list.length === 0 ? (
              <p className="state state-empty">{NO_INCIDENTS}</p>
            ) : (
              <IncidentList incidents={list} selectedId={selectedId} onSelect={(id) => navigate(`incidents/${id}`)} />
            )
          ) : incidents.error ? (
            <ErrorState title="Could not load the incidents" error={incidents.error} onRetry={incidents.reload} />
          ) : (
            <LoadingState what="incidents" />
          )}
        </Panel>
        {selectedId !== null ? (
          <Panel title="Incident">
            <SelectedIncident key={selectedId} id={selectedId} navigate={navigate} />
          </Panel>
        ) : null}
      </div>
      <WeeklyPanel {...(createChart ? { createChart } : {})} />
    </div>
  );
}
