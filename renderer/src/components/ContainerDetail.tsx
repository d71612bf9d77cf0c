/** @jsxRuntime automatic */
import type { ContainerInfo } from '../../../shared/types/docker';
import { formatBytes, formatPercent } from '../format';
import { useLiveEvents } from '../hooks/useLiveEvents';
import { EventList } from './EventList';
import { HistorySparkline } from './HistorySparkline';
import { ContainerLogs } from './logs/ContainerLogs';
import { ErrorState, LoadingState } from './StateViews';

/** A container in trouble: its log is what the operator wants first. */
export function isFailing(container: ContainerInfo): boolean {
  return container.state === 'exited' || container.state === 'dead' || container.state === 'restarting' || container.health === 'unhealthy';
}

/** History, recent events and the log of one container (a failing one's log first). */
export function ContainerDetail({ stackName, container }: { stackName: string; container: ContainerInfo }) {
  const events = useLiveEvents(10, container.name);
  const key = `${stackName}/${container.name}`;
  return (
    <div className="container-detail">
      <div className="detail-charts">
        <div>
          <span className="detail-label">CPU, last hour</span>
          <HistorySparkline series={`container.cpuPercent:${key}`} label={`${container.name} CPU`} format={formatPercent} />
        </div>
        <div>
          <span className="detail-label">Memory, last hour</span>
          <HistorySparkline series={`container.memoryBytes:${key}`} label={`${container.name} memory`} format={formatBytes} />
        </div>
        <div className="detail-id muted">
          id <code>{container.id.slice(0, 12)}</code>
        </div>
      </div>
      <div className="detail-events">
        <span className="detail-label">Recent events</span>
        {events.error && !events.data ? (
          <ErrorState title="Could not load events" error={events.error} onRetry={events.reload} />
        ) : events.data ? (
          <EventList events={events.data} emptyText="No events about this container." showSubject={false} />
        ) : (
          <LoadingState what="events" />
        )}
      </div>
      <ContainerLogs container={container.name} first={isFailing(container)} />
    </div>
  );
}
