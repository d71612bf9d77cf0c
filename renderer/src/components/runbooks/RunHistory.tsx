/** @jsxRuntime automatic */
import type { RunSummary } from '../../../../shared/types/runbooks';
import { formatRelativeTime } from '../../format';
import { formatDateTime, formatElapsed } from '../../runbooks/runFormat';
import { RunStateBadge } from './RunbookBadges';

/** Recent runs, newest first; a row opens its run. */
export function RunHistory({ runs, now, onOpen }: { runs: RunSummary[]; now: number; onOpen: (runId: number) => void }) {
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  return (
    <table className="data-table runs-table">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">State</th>
          <th scope="col">Runbook</th>
          <th scope="col">Trigger</th>
          <th scope="col">Started</th>
          <th scope="col" className="num">Duration</th>
          <th scope="col">Summary</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>
              <button type="button" className="link" onClick={() => onOpen(r.id)} aria-label={`Open run #${r.id} of ${r.runbookTitle}`}>
                #{r.id}
              </button>
            </td>
            <td>
              <RunStateBadge state={r.state} />
            </td>
            <td>{r.runbookTitle}</td>
            <td title={r.startedBy}>{r.trigger}</td>
            <td title={formatDateTime(r.startedAt)}>{formatRelativeTime(r.startedAt, now)}</td>
            <td className="num">{formatElapsed(r.startedAt, r.endedAt, now)}</td>
            <td className="run-summary-text">{r.summary}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
