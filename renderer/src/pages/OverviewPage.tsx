/** @jsxRuntime automatic */
import type { StatusSnapshot } from '../../../shared/types/status';
import { FiringAlerts } from '../components/alerts/FiringAlerts';
import { DockerUnavailable } from '../components/DockerUnavailable';
import { EventList } from '../components/EventList';
import { GpuOverviewTile } from '../components/gpu/GpuOverviewTile';
import { HostInventoryLine } from '../components/gpu/HostInventoryLine';
import { hasModelsTile, ModelsOverviewTile } from '../components/models/ModelsOverviewTile';
import { StacksSummary } from '../components/StacksSummary';
import { ErrorState, LoadingState, Panel } from '../components/StateViews';
import { StatusChecks } from '../components/StatusChecks';
import { SystemGauges } from '../components/SystemGauges';
import { formatRelativeTime } from '../format';
import { useAlerts } from '../hooks/useAlerts';
import { useApiCall, type ApiCallState } from '../hooks/useApiCall';
import { useInventory } from '../hooks/useInventory';
import { useLiveEvents } from '../hooks/useLiveEvents';

interface OverviewPageProps {
  status: ApiCallState<StatusSnapshot>;
  navigate: (route: string) => void;
}

/** The host at a glance: gauges, checks, stacks, and what just happened. */
export function OverviewPage({ status, navigate }: OverviewPageProps) {
  // More events than rows: a restart flood folds into one row, and the rows after it still show.
  const events = useLiveEvents(100);
  const alerts = useAlerts();
  const library = useApiCall('runbooks.list', {});
  const inventory = useInventory();
  const snapshot = status.data;
  if (!snapshot) {
    if (status.error) return <ErrorState title="Could not load the status" error={status.error} onRetry={status.reload} />;
    return <LoadingState what="status" />;
  }
  const openStack = (name: string) => navigate(`stacks?q=${encodeURIComponent(name)}`);
  return (
    <div className="overview">
      <Panel title="System" aside={<span className="muted">updated {formatRelativeTime(snapshot.at)}</span>}>
        <HostInventoryLine inventory={inventory.data} />
        {snapshot.system ? <SystemGauges system={snapshot.system} checks={snapshot.checks} /> : <p className="muted">System figures are not collected yet.</p>}
      </Panel>
      <Panel title="Firing alerts">
        {alerts.data ? (
          <FiringAlerts alerts={alerts.data.alerts} navigate={navigate} />
        ) : alerts.error ? (
          <ErrorState title="Could not load the alerts" error={alerts.error} onRetry={alerts.reload} />
        ) : (
          <LoadingState what="alerts" />
        )}
      </Panel>
      <div className="overview-columns">
        <Panel title="Checks">
          <StatusChecks
            checks={snapshot.checks}
            runbooks={library.data?.runbooks}
            onOpenRunbook={(id) => navigate(`runbooks?id=${encodeURIComponent(id)}`)}
          />
        </Panel>
        <Panel title="Stacks">
          {snapshot.docker.available ? <StacksSummary docker={snapshot.docker} onOpen={openStack} /> : <DockerUnavailable docker={snapshot.docker} />}
        </Panel>
        <Panel
          title="GPU"
          aside={<PageLink route="gpu" navigate={navigate}>Open the GPU page</PageLink>}
        >
          {/* A core built before the GPU module sends no `gpu` section: say so rather than fail the page. */}
          {snapshot.gpu ? <GpuOverviewTile gpu={snapshot.gpu} checks={snapshot.checks} /> : <p className="muted">GPU figures are not collected yet.</p>}
        </Panel>
        {/* No tile where no model server was found (or monitoring is off): the Overview stays quiet. */}
        {hasModelsTile(snapshot.models) && (
          <Panel
            title="Models"
            aside={<PageLink route="models" navigate={navigate}>Open the Models page</PageLink>}
          >
            <ModelsOverviewTile models={snapshot.models} />
          </Panel>
        )}
      </div>
      <Panel title="Recent events">
        {events.error && !events.data ? (
          <ErrorState title="Could not load events" error={events.error} onRetry={events.reload} />
        ) : events.data ? (
          <EventList events={events.data} maxRows={15} />
        ) : (
          <LoadingState what="events" />
        )}
      </Panel>
    </div>
  );
}

/** A link to another page of the app: a real href (open in a new tab works), navigated in place on a click. */
function PageLink({ route, navigate, children }: { route: string; navigate: (route: string) => void; children: string }) {
  return (
    <a
      href={`#/${route}`}
      onClick={(event) => {
        event.preventDefault();
        navigate(route);
      }}
    >
      {children}
    </a>
  );
}
