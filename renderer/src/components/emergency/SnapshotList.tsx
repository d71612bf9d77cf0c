/** @jsxRuntime automatic */
import { useState } from 'react';
import type { SnapshotView } from '../../../../shared/types/actions';
import { formatClockShort, formatRelativeTime } from '../../format';
import { useClient } from '../../hooks/opsbarContext';
import { useApiCall } from '../../hooks/useApiCall';
import { useNow } from '../../hooks/useNow';
import { ErrorState, LoadingState, Panel } from '../StateViews';

const REASON_WORDS: Record<SnapshotView['snapshot']['reason'], string> = {
  auto: 'taken automatically (healthy and changed)',
  manual: 'taken by hand',
  'pre-rollback': 'taken just before a rollback (roll-forward)',
};

interface SnapshotListProps {
  stack: string;
  /** The snapshot the plan is made against (null: the core's default, the newest that differs). */
  chosen: string | null;
  onChoose: (snapshotId: string) => void;
}

function SnapshotRow({ view, chosen, onChoose, now }: { view: SnapshotView; chosen: boolean; onChoose: () => void; now: number }) {
  const { snapshot } = view;
  return (
    <li className={chosen ? 'snapshot snapshot-chosen' : 'snapshot'} aria-label={`Snapshot ${snapshot.id}`}>
      <div className="snapshot-head">
        <strong>{formatClockShort(snapshot.takenAt, now)}</strong>
        <span className="muted">
          {formatRelativeTime(snapshot.takenAt, now)} · {REASON_WORDS[snapshot.reason] ?? snapshot.reason} · {snapshot.containers.length} containers
        </span>
        {chosen ? (
          <span className="tag">planned against</span>
        ) : (
          <button type="button" onClick={onChoose} disabled={!snapshot.complete || !view.imagesPresent}>
            Plan rollback to this
          </button>
        )}
      </div>
      {!snapshot.complete ? <p className="sev-critical">Incomplete: {snapshot.problems.join('; ') || 'not every container was captured'}</p> : null}
      {!view.imagesPresent ? <p className="sev-critical">An image it needs is gone: a rollback to it would be refused.</p> : null}
      <ul className="snapshot-differences" aria-label="Differences from now">
        {view.differences.map((difference) => (
          <li key={difference}>{difference}</li>
        ))}
      </ul>
    </li>
  );
}

/** A stack's known-good snapshots with what differs from now; take one now, or plan against one. */
export function SnapshotList({ stack, chosen, onChoose }: SnapshotListProps) {
  const client = useClient();
  const now = useNow();
  const list = useApiCall('snapshots.list', { stack });
  const [taking, setTaking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const take = () => {
    setTaking(true);
    setError(null);
    client.call('snapshots.take', { stack }).then(
      () => {
        setTaking(false);
        list.reload();
      },
      (reason: unknown) => {
        setTaking(false);
        setError(reason instanceof Error ? reason.message : String(reason));
      },
    );
  };
  const aside = (
    <button type="button" onClick={take} disabled={taking}>
      {taking ? 'Taking a snapshot…' : 'Take snapshot now'}
    </button>
  );
  return (
    <Panel title={`Snapshots of ${stack}`} aside={aside}>
      {error ? (
        <p role="alert" className="plan-error">
          {error}
        </p>
      ) : null}
      {list.data ? (
        list.data.length === 0 ? (
          <p className="state state-empty">No snapshot of {stack} yet. One is taken once it has been healthy for a while after a change; or take one now while it works.</p>
        ) : (
          <ul className="snapshot-list">
            {list.data.map((view) => (
              <SnapshotRow key={view.snapshot.id} view={view} chosen={view.snapshot.id === chosen} onChoose={() => onChoose(view.snapshot.id)} now={now} />
            ))}
          </ul>
        )
      ) : list.error ? (
        <ErrorState title="Could not list the snapshots" error={list.error} onRetry={list.reload} />
      ) : (
        <LoadingState what="snapshots" />
      )}
    </Panel>
  );
}
