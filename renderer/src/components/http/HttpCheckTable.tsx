/** @jsxRuntime automatic */
import type { HttpCheckView } from '../../../../shared/types/http';
import { formatRelativeTime } from '../../format';
import { HistorySparkline } from '../HistorySparkline';
import { SeverityBadge } from '../SeverityBadge';
import { checkStateWord, failuresWord, latencyWord } from './httpCheckWords';

function CheckRow({ view }: { view: HttpCheckView }) {
  const last = view.last;
  return (
    <tr className={`http-check-row http-check-${view.severity}`} data-check={view.name}>
      <td>
        <div className="http-check-name">{view.name}</div>
        <div className="http-check-url" title={view.url}>
          {view.url}
        </div>
      </td>
      <td>
        <SeverityBadge severity={view.severity} label={checkStateWord(view)} />
        {view.since !== null ? <div className="muted http-check-since">since {formatRelativeTime(view.since)}</div> : null}
      </td>
      <td className="num">{last?.status ?? '—'}</td>
      <td className="num">{latencyWord(last?.latencyMs)}</td>
      <td className="num http-check-failures">{failuresWord(view)}</td>
      <td className="http-check-detail">
        {last ? last.detail : 'Not checked yet'}
        {last?.bodyStart ? (
          <div className="http-check-body">
            <span className="muted">body starts: </span>
            <code>{last.bodyStart}</code>
          </div>
        ) : null}
      </td>
      <td className="http-check-history">
        <HistorySparkline series={`http.latencyMs:${view.name}`} label={`${view.name} latency`} format={latencyWord} />
      </td>
    </tr>
  );
}

/** Every configured check: state, last status and latency, failures in a row, what it answered, latency history. */
export function HttpCheckTable({ checks }: { checks: readonly HttpCheckView[] }) {
  return (
    <table className="data-table http-check-table" aria-label="Health checks">
      <thead>
        <tr>
          <th>Check</th>
          <th>State</th>
          <th className="num">Status</th>
          <th className="num">Latency</th>
          <th className="num">Failures</th>
          <th>Last answer</th>
          <th>Latency, last hour</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((view) => (
          <CheckRow key={view.name} view={view} />
        ))}
      </tbody>
    </table>
  );
}
