import { rendererDistDir } from '../appPaths';
import { systemClock } from '../clock';
import { createOpsbarCore } from '../createCore';
import type { Logger } from '../logger';
import { createToken } from '../server/auth';
import { isLoopbackHost } from '../server/hostPolicy';
import { startHeadlessServer } from '../server/httpServer';

export interface ServeOptions {
  dataDir: string;
  host: string;
  port: number;
  allowNonLoopback: boolean;
  log: Logger;
  /** Where the built renderer lives. */
  staticDir?: string;
  out: (line: string) => void;
}

export class UsageError extends Error {}

/** `opsbar serve`: the core plus the dashboard on loopback; runs until SIGINT/SIGTERM. */
export interface RunningServe {
  /** Settles when every monitor and the schedules have started. */
  started: Promise<void>;
  /** Stops the server and the core; always closes the store, within about 2 s. */
  stop(): Promise<void>;
}

export async function serveCommand(options: ServeOptions): Promise<RunningServe> {
  if (!isLoopbackHost(options.host) && !options.allowNonLoopback) {
    throw new UsageError(
      `Refusing to serve on ${options.host}: it is not a loopback address, and the dashboard can stop containers. ` +
        'Use an SSH tunnel, or pass --allow-non-loopback if you really mean to expose it.',
    );
  }
  const core = createOpsbarCore({ dataDir: options.dataDir, log: options.log, clock: systemClock });
  const token = createToken();
  const server = await startHeadlessServer({
    core,
    token,
    host: options.host,
    port: options.port,
    staticDir: options.staticDir ?? rendererDistDir(),
    log: options.log,
  });
  // The only place the token is ever written: the operator's own terminal.
  options.out(`Opsbar dashboard: ${server.url}?token=${token}`);
  options.log.info(`serving on ${server.url} (data: ${options.dataDir})`);
  // Not awaited: a stop during start-up (a signal, a hanging Docker engine) must not wait for
  // every monitor's first reading. core.stop() copes with a start still in progress.
  const starting = core.start().catch((error: unknown) => options.log.error(`start-up failed: ${(error as Error).message}`));
  let stopping: Promise<void> | null = null;
  return {
    started: starting,
    stop() {
      stopping ??= (async () => {
        await Promise.all([server.close(), core.stop()]);
      })();
      return stopping;
    },
  };
}
