/** @jsxRuntime automatic */
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LogLine } from '../../../../shared/types/logs';
import { useContainerLogs } from '../../hooks/useContainerLogs';
import { ErrorState, LoadingState } from '../StateViews';
import { formatLogTime, highlighted, matchesSearch } from './logLineText';

type StreamFilter = 'all' | 'stdout' | 'stderr';

/** Pixels from the bottom that still count as "at the bottom" (auto-scroll stays on). */
const BOTTOM_SLACK_PX = 24;

/**
 * A container's log: the last 500 lines, then live while Follow is on; search, a stream filter,
 * stderr marked in colour and with a text marker, auto-scroll while at the bottom.
 */
export function ContainerLogs({ container, first = false }: { container: string; first?: boolean }) {
  const [follow, setFollow] = useState(true);
  const [filter, setFilter] = useState<StreamFilter>('all');
  const [query, setQuery] = useState('');
  const [atBottom, setAtBottom] = useState(true);
  const logs = useContainerLogs(container, follow);
  const body = useRef<HTMLDivElement>(null);

  const shown = useMemo(
    () => logs.lines.filter((line) => (filter === 'all' || line.stream === filter) && matchesSearch(line.text, query)),
    [logs.lines, filter, query],
  );

  useLayoutEffect(() => {
    const el = body.current;
    if (el && atBottom) el.scrollTop = el.scrollHeight;
  }, [shown, atBottom]);

  const onScroll = () => {
    const el = body.current;
    if (el) setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX);
  };
  // Follow asked for but nothing to follow (the container was not running): pressing it tries again.
  const toggleFollow = () => (follow && !logs.following && !logs.loading ? logs.reload() : setFollow((f) => !f));
  const jumpToLatest = () => {
    const el = body.current;
    if (el) el.scrollTop = el.scrollHeight;
    setAtBottom(true);
  };

  return (
    <section className={`container-logs${first ? ' logs-first' : ''}`} aria-label={`Log of ${container}`}>
      <div className="logs-toolbar">
        <button type="button" className="logs-follow" aria-pressed={logs.following} onClick={toggleFollow} title={logs.following ? 'Stop following' : 'Follow new lines live'}>
          {logs.following ? 'Following' : 'Follow'}
        </button>
        <label className="logs-filter">
          <span>Streams</span>
          <select value={filter} onChange={(e) => setFilter(e.target.value as StreamFilter)} aria-label="Streams shown">
            <option value="all">stdout and stderr</option>
            <option value="stdout">stdout only</option>
            <option value="stderr">stderr only</option>
          </select>
        </label>
        <input type="text" className="logs-search" placeholder="Search the log" aria-label="Search the log" value={query} onChange={(e) => setQuery(e.target.value)} />
        {query !== '' && (
          <span className="logs-match-count" aria-live="polite">
            {shown.length === 1 ? '1 matching line' : `${shown.length} matching lines`}
          </span>
        )}
        {logs.tty && <span className="muted logs-tty">TTY: stdout and stderr are one stream</span>}
      </div>
      {logs.dropped > 0 && (
        <p className="logs-notice logs-dropped" role="status">
          {logs.dropped.toLocaleString('en-US')} lines dropped: the container prints faster than the view shows.
        </p>
      )}
      {logs.error ? (
        <ErrorState title={`Could not open the log of ${container}`} error={logs.error} onRetry={logs.reload} />
      ) : logs.loading && logs.lines.length === 0 ? (
        <LoadingState what="the log" />
      ) : (
        <div className="logs-frame">
          <div className="logs-body" ref={body} onScroll={onScroll} role="log" aria-label={`Lines of ${container}`} tabIndex={0}>
            {logs.lines.length === 0 ? (
              <p className="logs-empty muted">No output yet</p>
            ) : shown.length === 0 ? (
              <p className="logs-empty muted">No line matches.</p>
            ) : (
              shown.map((line) => <LogLineRow key={line.seq} line={line} query={query} />)
            )}
          </div>
          {!atBottom && (
            <button type="button" className="logs-jump" onClick={jumpToLatest}>
              Jump to latest
            </button>
          )}
        </div>
      )}
      {logs.ended && <p className="logs-notice logs-ended muted">Not following: {logs.ended}.</p>}
    </section>
  );
}

/** One line; memoised: a new batch renders only the new lines, not the 5,000 before them. */
const LogLineRow = memo(function LogLineRow({ line, query }: { line: LogLine; query: string }) {
  const iso = line.at === null ? undefined : new Date(line.at).toISOString();
  return (
    <div className={`log-line log-${line.stream}`} data-seq={line.seq}>
      <time className="log-time" dateTime={iso} title={line.at === null ? undefined : new Date(line.at).toString()}>
        {formatLogTime(line.at)}
      </time>
      {line.stream === 'stderr' && <span className="log-marker">stderr</span>}
      <span className="log-text">{highlighted(line.text, query)}</span>
      {line.cut && <span className="log-cut muted"> … (cut at 8 KiB)</span>}
    </div>
  );
});
