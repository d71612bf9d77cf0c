import { useEffect, useRef, useState } from 'react';
import type { LogChunk, LogLine } from '../../../shared/types/logs';
import { useClient, useConnection } from './opsbarContext';
import { useLiveMessages } from './useLiveMessages';

/** Lines the view keeps, at most: the oldest go first (a ring). */
export const MAX_VIEW_LINES = 5_000;
/** How often the view tells the core it still shows a following log (the core closes it after a minute without). */
export const KEEP_ALIVE_MS = 20_000;
const INITIAL_TAIL = 500;
/** Chunks that arrive before `logs.open` answered, at most (kept for the session about to be named). */
const EARLY_CHUNKS = 50;

export interface ContainerLogsState {
  lines: LogLine[];
  /** Lines the core skipped because the container printed faster than the view takes. */
  dropped: number;
  loading: boolean;
  error: Error | null;
  following: boolean;
  /** Why following stopped (the container stopped, the session expired…), or null. */
  ended: string | null;
  tty: boolean;
  reload(): void;
}

function appendBounded(lines: LogLine[], more: LogLine[]): LogLine[] {
  if (more.length === 0) return lines;
  const all = lines.concat(more);
  return all.length > MAX_VIEW_LINES ? all.slice(all.length - MAX_VIEW_LINES) : all;
}

type Core = Omit<ContainerLogsState, 'reload'>;
const START: Core = { lines: [], dropped: 0, loading: true, error: null, following: false, ended: null, tty: false };

/**
 * A container's log: `logs.open` (the last 500 lines), then its live `log` messages while
 * `follow` is on; a keep-alive every 20 s while mounted, `logs.close` when unmounted, when follow
 * is turned off or the container changes. Reopened after a reconnect (live messages were missed).
 */
export function useContainerLogs(container: string, follow: boolean): ContainerLogsState {
  const client = useClient();
  const { epoch } = useConnection();
  const [state, setState] = useState<Core>(START);
  const [nonce, setNonce] = useState(0);
  const session = useRef<{ id: string | null; opening: boolean; early: LogChunk[] }>({ id: null, opening: false, early: [] });

  const apply = (chunk: LogChunk) =>
    setState((s) => ({
      ...s,
      lines: appendBounded(s.lines, chunk.lines),
      dropped: s.dropped + chunk.dropped,
      following: chunk.ended ? false : s.following,
      ended: chunk.ended ? (chunk.reason ?? 'the log ended') : s.ended,
    }));

  useEffect(() => {
    let cancelled = false;
    let sessionId: string | null = null;
    let keepAlive: ReturnType<typeof setInterval> | null = null;
    session.current = { id: null, opening: true, early: [] };
    setState((s) => ({ ...START, lines: s.lines, loading: true }));
    client.call('logs.open', { container, tail: INITIAL_TAIL, follow }).then(
      (opened) => {
        if (cancelled) {
          if (opened.following) void client.call('logs.close', { sessionId: opened.sessionId }).catch(() => {});
          return;
        }
        const early = session.current.early.filter((c) => c.sessionId === opened.sessionId);
        session.current = { id: opened.following ? opened.sessionId : null, opening: false, early: [] };
        setState({
          ...START,
          loading: false,
          lines: opened.lines.slice(-MAX_VIEW_LINES),
          following: opened.following,
          tty: opened.tty,
          ended: follow && !opened.following ? 'the container is not running, so nothing new will come' : null,
        });
        early.forEach(apply);
        if (!opened.following) return;
        sessionId = opened.sessionId;
        keepAlive = setInterval(() => {
          client.call('logs.keepAlive', { sessionId: opened.sessionId }).then(
            (answer) => {
              if (!answer.open && !cancelled) setState((s) => (s.following ? { ...s, following: false, ended: s.ended ?? 'the log was closed by Opsbar' } : s));
            },
            () => {},
          );
        }, KEEP_ALIVE_MS);
      },
      (error: unknown) => {
        if (cancelled) return;
        session.current = { id: null, opening: false, early: [] };
        setState({ ...START, loading: false, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => {
      cancelled = true;
      if (keepAlive) clearInterval(keepAlive);
      session.current = { id: null, opening: false, early: [] };
      if (sessionId) void client.call('logs.close', { sessionId }).catch(() => {});
    };
  }, [client, container, follow, nonce, epoch]);

  useLiveMessages((message) => {
    if (message.type !== 'log') return;
    const current = session.current;
    if (current.id !== null && message.chunk.sessionId === current.id) return apply(message.chunk);
    if (current.opening && current.early.length < EARLY_CHUNKS) current.early.push(message.chunk);
  });

  return { ...state, reload: () => setNonce((n) => n + 1) };
}
