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
export async function serveCommand(options: ServeOptions): Promise<{ stop(): Promise<void> }> {
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
  await core.start();
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        await server.close();
        await core.stop();
      })();
      return stopping;
    },
  };
}
