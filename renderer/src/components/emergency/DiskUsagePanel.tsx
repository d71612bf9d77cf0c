/** @jsxRuntime automatic */
import type { DiskUsageRoot } from '../../../../shared/types/actions';
import { formatBytes, formatDuration } from '../../format';
import { useApiCall } from '../../hooks/useApiCall';
import { ErrorState, LoadingState, Panel } from '../StateViews';
import { daysUntilFullWords } from './emergencyFormat';

/** Bars beyond these are left out: the view is for spotting the big ones. */
const MAX_ENTRIES = 8;

function RootUsage({ root }: { root: DiskUsageRoot }) {
  const entries = root.entries.slice(0, MAX_ENTRIES);
  const largest = Math.max(1, ...entries.map((e) => e.bytes));
  return (
    <section className="usage-root" aria-label={root.label}>
      <h3>
        {root.label} {root.path ? <code>{root.path}</code> : null}{' '}
        <span className="muted">
          {root.exists ? formatBytes(root.totalBytes) : root.problem ? 'not walked' : 'not on this host'}
          {root.truncated ? ' (partial: walk budget reached)' : ''}
        </span>
      </h3>
      {root.problem ? <p className="sev-warning">{root.problem}</p> : null}
      {entries.length > 0 ? (
        <ul className="usage-bars">
          {entries.map((entry) => (
            <li key={entry.path} className="usage-bar">
              <span className="usage-path" title={entry.path}>
                {entry.path}
              </span>
              <span className="usage-track" aria-hidden="true">
                <span className="usage-fill" style={{ width: `${(entry.bytes / largest) * 100}%` }} />
              </span>
              <span className="num">{formatBytes(entry.bytes)}</span>
            </li>
          ))}
        </ul>
      ) : root.exists && !root.problem ? (
        <p className="muted">{root.totalBytes > 0 ? 'No folders under it: its own files hold the total.' : 'Empty.'}</p>
      ) : null}
    </section>
  );
}

/** What fills this disk: the largest directories under Docker's data root and the model caches, and days until full. */
export function DiskUsagePanel() {
  const usage = useApiCall('disk.usage', {});
  const view = usage.data;
  return (
    <Panel
      title="What fills this disk"
      aside={
        <button type="button" onClick={usage.reload} disabled={usage.loading}>
          {usage.loading && view ? 'Measuring…' : 'Measure again'}
        </button>
      }
    >
      {view ? (
        <>
          <ul className="usage-growth" aria-label="Days until full">
            {view.growth.length === 0 ? <li className="muted">No disk history yet to tell a rate.</li> : null}
            {view.growth.map((g) => (
              <li key={g.mount}>
                {daysUntilFullWords(g.mount, g.daysUntilFull, g.bytesPerDay)}
                <span className="muted">
                  {' '}
                  · {formatBytes(g.freeBytes)} free{g.basisHours > 0 ? ` · from the last ${formatDuration(g.basisHours * 3600)}` : ''}
                </span>
              </li>
            ))}
          </ul>
          {view.roots.map((root) => (
            <RootUsage key={`${root.kind}:${root.path}`} root={root} />
          ))}
          <p className="muted">Walked in {(view.elapsedMs / 1000).toFixed(1)} s.</p>
        </>
      ) : usage.error ? (
        <ErrorState title="Could not measure the disk" error={usage.error} onRetry={usage.reload} />
      ) : (
        <LoadingState what="disk usage (a bounded walk)" />
      )}
    </Panel>
  );
}
