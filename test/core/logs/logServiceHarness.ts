import type { LogChunk } from '../../../shared/types/logs';
import type { Clock } from '../../../electron/core/clock';
import { systemClock } from '../../../electron/core/clock';
import { silentLogger } from '../../../electron/core/logger';
import { createLogService } from '../../../electron/core/logs/logService';
import { createDockerClientProvider } from '../../../electron/core/monitors/docker/dockerClientProvider';
import { testDocker, TEST_IMAGE } from '../../support/dockerEngine';

/** A log service on the real engine (or `endpoint`), recording every chunk it publishes. */
export function logServiceHarness(options: { clock?: Clock; endpoint?: string; enabled?: boolean } = {}) {
  const chunks: LogChunk[] = [];
  const docker = createDockerClientProvider({
    settings: () => ({ docker: { enabled: options.enabled ?? true, endpoint: options.endpoint ?? '' } }),
    env: process.env,
    homedir: '/nonexistent-home',
  });
  const service = createLogService({ clock: options.clock ?? systemClock, log: silentLogger, docker, publish: (chunk) => chunks.push(chunk) });
  const linesOf = (sessionId: string) => chunks.filter((c) => c.sessionId === sessionId).flatMap((c) => c.lines);
  const endOf = (sessionId: string) => chunks.find((c) => c.sessionId === sessionId && c.ended);
  return { service, chunks, linesOf, endOf };
}

/** A container created directly (TTY, no compose labels), labelled for removeTestStacks. */
export async function createRawTestContainer(name: string, cmd: string[], tty: boolean): Promise<string> {
  const container = await testDocker().createContainer({
    name: `opsbar-t${process.pid}-${name}`,
    Image: TEST_IMAGE,
    Cmd: cmd,
    Tty: tty,
    Labels: { 'opsbar.test': '1', 'opsbar.test.pid': String(process.pid) },
    HostConfig: { NetworkMode: 'none' },
    StopTimeout: 1,
  });
  await container.start();
  return `opsbar-t${process.pid}-${name}`;
}
