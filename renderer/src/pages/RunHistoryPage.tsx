/** @jsxRuntime automatic */
import { useState } from 'react';
import { RunHistory } from '../components/runbooks/RunHistory';
import { RunbooksTabs } from '../components/runbooks/RunbooksTabs';
import { SchedulesPanel } from '../components/runbooks/SchedulesPanel';
import { ErrorState, LoadingState, Panel } from '../components/StateViews';
import { useApiCall } from '../hooks/useApiCall';
import { useLiveMessages } from '../hooks/useLiveMessages';
import { useNow } from '../hooks/useNow';

/** Recent runs (filterable by runbook) and the schedules. */
export function RunHistoryPage({ navigate, initialRunbook = '' }: { navigate: (route: string) => void; initialRunbook?: string }) {
  const [runbookId, setRunbookId] = useState(initialRunbook);
  const runs = useApiCall('runbooks.runs', runbookId ? { limit: 100, runbookId } : { limit: 100 });
  const library = useApiCall('runbooks.list', {});
  const schedules = useApiCall('runbooks.schedules', {});
  const now = useNow(30_000);
  const openRun = (id: number) => navigate(`runbooks/run/${id}`);
  // A run that changes state moves in the list: refetch (cheap, and keeps the core's order and filter).
  useLiveMessages((message) => {
    if (message.type === 'run') runs.reload();
  });

  return (
    <div className="runbooks-page">
      <RunbooksTabs current="history" navigate={navigate} />
      <Panel
        title="Recent runs"
        aside={
          <label className="inline-field">
            Runbook{' '}
            <select value={runbookId} onChange={(e) => setRunbookId(e.target.value)}>
              <option value="">all</option>
              {(library.data?.runbooks ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </label>
        }
      >
        {runs.data ? (
          <RunHistory runs={runs.data} now={now} onOpen={openRun} />
        ) : runs.error ? (
          <ErrorState title="Could not load runs" error={runs.error} onRetry={runs.reload} />
        ) : (
          <LoadingState what="runs" />
        )}
      </Panel>
      <Panel title="Schedules">
        {schedules.data ? (
          <SchedulesPanel schedules={schedules.data.schedules} maintenance={schedules.data.maintenance} onOpenRun={openRun} />
        ) : schedules.error ? (
          <ErrorState title="Could not load schedules" error={schedules.error} onRetry={schedules.reload} />
        ) : (
          <LoadingState what="schedules" />
        )}
      </Panel>
    </div>
  );
}
