import { rendererDistDir } from '../appPaths';
import { systemClock } from '../clock';
import { createOpsbarCore } from '../createCore';
import type { Logger } from '../logger';
import { createMetricsEndpoint } from '../metrics/metricsEndpoint';
import { coreMetricsSource, opsbarVersion } from '../metrics/metricsSource';
import { createToken } from '../server/auth';
import { isLoopbackHost } from '../server/hostPolicy';
import { startHeadlessServer } from '../server/httpServer';
import { loadOrCreateToken, TokenFileError } from './serveTokenFile';

export interface ServeOptions {
  dataDir: string;
  host: string;
  port: number;
  allowNonLoopback: boolean;
  /** A stable token for scrapers: read from this file, or written to it (0600) when it does not exist. */
  tokenFile?: string;
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

function tokenFrom(path: string, log: Logger): string {
  try {
    const { token, created } = loadOrCreateToken(path);
    // The path only, never the token.
    if (created) log.info(`wrote a new token to ${path} (mode 0600)`);
    return token;
  } catch (error) {
    if (error instanceof TokenFileError) throw new UsageError(error.message);
    throw error;
  }
}

export async function serveCommand(options: ServeOptions): Promise<RunningServe> {
  if (!isLoopbackHost(options.host) && !options.allowNonLoopback) {
    throw new UsageError(
      `Refusing to serve on ${options.host}: it is not a loopback address, and the dashboard can stop containers. ` +
        'Use an SSH tunnel, or pass --allow-non-loopback if you really mean to expose it.',
    );
  }
  // Checked before the core opens anything: a bad token file is a usage error, not a half start.
  const token = options.tokenFile ? tokenFrom(options.tokenFile, options.log) : createToken();
  const core = createOpsbarCore({ dataDir: options.dataDir, log: options.log, clock: systemClock });
  const server = await startHeadlessServer({
    core,
    token,
    host: options.host,
    port: options.port,
    staticDir: options.staticDir ?? rendererDistDir(),
    log: options.log,
    metrics: createMetricsEndpoint(coreMetricsSource(core, opsbarVersion())),
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
