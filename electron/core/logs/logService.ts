import type { LogChunk, LogSession } from '../../../shared/types/logs';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { DockerClientProvider } from '../monitors/docker/dockerClientProvider';

export interface LogServiceDeps {
  clock: Clock;
  log: Logger;
  docker: DockerClientProvider;
  /** Sends a chunk of a followed session to the live subscribers. */
  publish(chunk: LogChunk): void;
}

/** Container log sessions: the last lines, then following live (bounded), closed by the view or on expiry. */
export interface LogService {
  open(request: { container: string; tail: number; follow: boolean }): Promise<LogSession>;
  keepAlive(sessionId: string): { open: boolean };
  close(sessionId: string): { closed: boolean };
  /** Closes every session (the core stops). */
  stop(): Promise<void>;
}

// FOUNDATION STUB — the logs helper replaces this file.
export function createLogService(_deps: LogServiceDeps): LogService {
  return {
    open: () => Promise.reject(new Error('not implemented')),
    keepAlive: () => ({ open: false }),
    close: () => ({ closed: false }),
    stop: async () => {},
  };
}
