import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { LogChunk, LogLine, LogSession } from '../../../shared/types/logs';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { DockerClientProvider } from '../monitors/docker/dockerClientProvider';
import { inspectLogTarget, openLogStream, readLogTail, type LogStream, type LogStreamRequest } from './dockerLogStream';
import { createLogBatcher, type LogBatcher } from './logBatcher';
import { resolveLogEngine } from './logEngine';
import type { RawLogLine } from './logLines';

export interface LogServiceDeps {
  clock: Clock;
  log: Logger;
  docker: DockerClientProvider;
  /** Sends a chunk of a followed session to the live subscribers. */
  publish(chunk: LogChunk): void;
}

/** What a following session holds now (tests check the bounds). */
export interface LogSessionStats {
  bufferedLines: number;
  bufferedBytes: number;
  droppedTotal: number;
  socket: Socket | null;
}

/** Container log sessions: the last lines, then following live (bounded), closed by the view or on expiry. */
export interface LogService {
  open(request: { container: string; tail: number; follow: boolean }): Promise<LogSession>;
  keepAlive(sessionId: string): { open: boolean };
  close(sessionId: string): { closed: boolean };
  /** Closes every session (the core stops). */
  stop(): Promise<void>;
  /** A following session's buffer and connection, or null when it is not open. */
  stats(sessionId: string): LogSessionStats | null;
}

/** Following sessions open at once, at most: opening one more closes the oldest. */
export const MAX_LOG_SESSIONS = 8;
/** Lines the live request reaches back for, past the initial ones (what was printed between the two requests). */
const GAP_LINES = 1_000;
/** A following session the view has not kept alive for this long is closed. */
export const LOG_SESSION_IDLE_MS = 60_000;

interface Session {
  id: string;
  stream: LogStream | null;
  batcher: LogBatcher;
  expiry: { cancel(): void };
  ended: boolean;
}

function toLogLine(raw: RawLogLine, seq: number): LogLine {
  const line: LogLine = { seq, stream: raw.stream, at: raw.at, text: raw.text };
  if (raw.cut) line.cut = true;
  return line;
}

/**
 * The initial lines come from a read without follow (the engine ends it at the log's end); the
 * live part is a second request with `since` = the last initial line's timestamp (the engine's
 * since is inclusive), dropping lines at or before it: no line twice, none lost in between.
 * An empty log: the live request takes the last GAP_LINES (all written since the first read).
 * With tail 0 the live request asks for tail 0 itself (nothing before it).
 */
export function createLogService(deps: LogServiceDeps): LogService {
  const sessions = new Map<string, Session>();

  const end = (session: Session, reason: string) => {
    if (session.ended) return;
    session.ended = true;
    sessions.delete(session.id);
    session.expiry.cancel();
    session.stream?.close();
    const batch = session.batcher.finish();
    deps.publish({ sessionId: session.id, lines: batch.lines, dropped: batch.dropped, ended: true, reason });
  };
  const armExpiry = (session: Session) => {
    session.expiry.cancel();
    session.expiry = deps.clock.setTimeout(() => end(session, 'closed: the view stopped asking for it (no keep-alive for a minute)'), LOG_SESSION_IDLE_MS);
  };

  return {
    async open({ container, tail, follow }) {
      const engine = resolveLogEngine(deps.docker);
      let seq = 0;
      let target;
      let initial: RawLogLine[];
      try {
        target = await inspectLogTarget(engine.endpoint, container);
        initial = tail > 0 ? await readLogTail(engine.endpoint, target, tail) : [];
      } catch (error) {
        throw engine.explain(error, container);
      }
      const lines = initial.map((raw) => toLogLine(raw, ++seq));
      const sessionId = randomBytes(12).toString('base64url');
      const result: LogSession = { sessionId, containerId: target.id, containerName: target.name, tty: target.tty, following: false, lines };
      if (!follow || !target.running) return result;

      const lastNs = initial.length > 0 ? initial[initial.length - 1].atNs : null;
      // The live request's own tail is the initial count plus room for the lines of the moment in
      // between (a container printing more than that in those milliseconds is dropping lines anyway):
      // the engine then reads from the log's end, not a multi-GB file from its start for `since`.
      const request: LogStreamRequest =
        tail === 0 ? { tail: 0, follow: true } : lastNs !== null ? { tail: initial.length + GAP_LINES, follow: true, sinceNs: lastNs } : { tail: GAP_LINES, follow: true };
      const session: Session = {
        id: sessionId,
        stream: null,
        ended: false,
        expiry: { cancel() {} },
        batcher: createLogBatcher(deps.clock, () => ++seq, (batch) => {
          if (!session.ended) deps.publish({ sessionId, lines: batch.lines, dropped: batch.dropped, ended: false });
        }),
      };
      if (sessions.size >= MAX_LOG_SESSIONS) {
        const oldest = sessions.values().next().value;
        if (oldest) end(oldest, `closed: at most ${MAX_LOG_SESSIONS} container logs follow at once, and this was the oldest`);
      }
      sessions.set(sessionId, session);
      armExpiry(session);
      try {
        session.stream = await openLogStream(engine.endpoint, target, request, {
          skipping: { wanted: () => !session.batcher.full, onSkipped: () => session.batcher.countDropped() },
          onLine(raw) {
            if (lastNs !== null && raw.atNs !== null && raw.atNs <= lastNs) return;
            session.batcher.add(raw);
          },
          onEnd(error) {
            if (error) deps.log.warn(`The log of ${target.name} stopped: ${error.message}`);
            end(session, error ? `the log stopped: ${error.message}` : 'the container stopped');
          },
        });
      } catch (error) {
        end(session, 'the log could not be followed');
        throw engine.explain(error, container);
      }
      if (session.ended) session.stream.close();
      return { ...result, following: true };
    },
    keepAlive(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return { open: false };
      armExpiry(session);
      return { open: true };
    },
    close(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return { closed: false };
      end(session, 'closed by the view');
      return { closed: true };
    },
    async stop() {
      for (const session of [...sessions.values()]) end(session, 'Opsbar stopped');
    },
    stats(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return null;
      return { bufferedLines: session.batcher.bufferedLines, bufferedBytes: session.batcher.bufferedBytes, droppedTotal: session.batcher.droppedTotal, socket: session.stream?.socket ?? null };
    },
  };
}
