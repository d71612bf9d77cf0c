/** @jsxRuntime automatic */
import type { StatusSnapshot } from '../../../shared/types/status';
import { DockerUnavailable } from '../components/DockerUnavailable';
import { EventList } from '../components/EventList';
import { StacksSummary } from '../components/StacksSummary';
import { ErrorState, LoadingState, Panel } from '../components/StateViews';
import { StatusChecks } from '../components/StatusChecks';
import { SystemGauges } from '../components/SystemGauges';
import { formatRelativeTime } from '../format';
import { useApiCall, type ApiCallState } from '../hooks/useApiCall';
import { useLiveEvents } from '../hooks/useLiveEvents';

interface OverviewPageProps {
  status: ApiCallState<StatusSnapshot>;
  navigate: (route: string) => void;
}

/** The host at a glance: gauges, checks, stacks, and what just happened. */
export function OverviewPage({ status, navigate }: OverviewPageProps) {
  const events = useLiveEvents(15);
  const library = useApiCall('runbooks.list', {});
  const snapshot = status.data;
  if (!snapshot) {
    if (status.error) return <ErrorState title="Could not load the status" error={status.error} onRetry={status.reload} />;
    return <LoadingState what="status" />;
  }
  const openStack = (name: string) => navigate(`stacks?q=${encodeURIComponent(name)}`);
  return (
    <div className="overview">
      <Panel title="System" aside={<span className="muted">updated {formatRelativeTime(snapshot.at)}</span>}>
        {snapshot.system ? <SystemGauges system={snapshot.system} checks={snapshot.checks} /> : <p className="muted">System figures are not collected yet.</p>}
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
      </div>
      <Panel title="Recent events">
        {events.error && !events.data ? (
          <ErrorState title="Could not load events" error={events.error} onRetry={events.reload} />
        ) : events.data ? (
          <EventList events={events.data} />
        ) : (
          <LoadingState what="events" />
        )}
      </Panel>
    </div>
  );
}
