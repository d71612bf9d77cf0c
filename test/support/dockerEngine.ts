/**
 * Helpers for tests that need a real Docker engine (collector integration, UI and CLI end to end).
 *
 *   const stack = await createTestStack('shop', [{ name: 'web', healthcheck: { test: ['CMD', '/bin/true'] } }]);
 *   after(() => removeTestStacks());
 *   test('…', async (t) => { if (!(await requireDocker(t))) return; … });
 *
 * Every container is made from TEST_IMAGE (built locally by .ci/start-docker.sh: no registry),
 * carries compose labels as `docker compose` would set them, plus `opsbar.test=1` and the test
 * process id, and is named `opsbar-t<pid>-<n>-<service>` so parallel test files never collide.
 */
import Dockerode from 'dockerode';
import type { TestContext } from 'node:test';
import { HANG_GUARD_MS } from './eventually';

export const TEST_IMAGE = 'opsbar-test/busybox:latest';
export const TEST_LABEL = 'opsbar.test';
const OWNER_LABEL = 'opsbar.test.pid';

let client: Dockerode | null = null;
let available: Promise<boolean> | null = null;
let counter = 0;

/** The engine the tests use: DOCKER_HOST or the default socket, as the docker CLI would. */
export function testDocker(): Dockerode {
  client ??= new Dockerode();
  return client;
}

/** Whether an engine answers a ping (cached for the process); no engine fails at once, a wedged one after the hang guard. */
export function dockerAvailable(): Promise<boolean> {
  available ??= (async () => {
    try {
      // dockerode accepts an abortSignal option here; its typings do not say so.
      const ping = testDocker().ping as unknown as (opts: { abortSignal: AbortSignal }) => Promise<unknown>;
      await ping.call(testDocker(), { abortSignal: AbortSignal.timeout(HANG_GUARD_MS) });
      return true;
    } catch {
      return false;
    }
  })();
  return available;
}

/**
 * Call first in a test that needs Docker. Resolves true when an engine answers. Without one it
 * fails the test in CI (`process.env.CI`), and elsewhere skips it with a loud line on stderr;
 * then it resolves false and the test should return.
 */
export async function requireDocker(t: TestContext): Promise<boolean> {
  if (await dockerAvailable()) return true;
  const why = 'no Docker engine answered (start one with `bash .ci/start-docker.sh`)';
  if (process.env.CI) throw new Error(`Docker is required in CI: ${why}`);
  process.stderr.write(`\nSKIPPED: no Docker engine — ${t.name}: ${why}\n`);
  t.skip(`SKIPPED: ${why}`);
  return false;
}

export interface TestHealthcheck {
  /** As in the Engine API, e.g. ['CMD', '/bin/true'] or ['CMD-SHELL', 'test -f /tmp/ok']. */
  test: string[];
  intervalMs?: number;
  retries?: number;
  startPeriodMs?: number;
}

export interface TestService {
  /** The compose service name (any text: it only goes into a label; the container name is sanitized). */
  name: string;
  /** Default: ['sleep', '3600']. */
  command?: string[];
  healthcheck?: TestHealthcheck;
  restart?: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  /** Start the container (default true); false leaves it in state "created". */
  start?: boolean;
  labels?: Record<string, string>;
}

export interface TestContainer {
  service: string;
  name: string;
  id: string;
  container: Dockerode.Container;
}

export interface TestStack {
  project: string;
  containers: TestContainer[];
  /** The container of a service. */
  get(service: string): TestContainer;
}

const MS = 1_000_000; // the Engine API counts healthcheck times in nanoseconds

/** Creates (and by default starts) one container per service, labelled as compose project `project`. */
export async function createTestStack(project: string, services: TestService[]): Promise<TestStack> {
  const docker = testDocker();
  const containers: TestContainer[] = [];
  for (const service of services) {
    const name = `opsbar-t${process.pid}-${++counter}-${service.name.replace(/[^a-zA-Z0-9_.-]/g, '_').slice(0, 40)}`;
    const hc = service.healthcheck;
    const container = await docker.createContainer({
      name,
      Image: TEST_IMAGE,
      Cmd: service.command ?? ['sleep', '3600'],
      Labels: {
        'com.docker.compose.project': project,
        'com.docker.compose.service': service.name,
        'com.docker.compose.container-number': '1',
        'com.docker.compose.oneoff': 'False',
        [TEST_LABEL]: '1',
        [OWNER_LABEL]: String(process.pid),
        ...service.labels,
      },
      Healthcheck: hc
        ? { Test: hc.test, Interval: (hc.intervalMs ?? 1_000) * MS, Timeout: 2_000 * MS, Retries: hc.retries ?? 1, StartPeriod: (hc.startPeriodMs ?? 0) * MS }
        : undefined,
      HostConfig: { RestartPolicy: { Name: service.restart ?? 'no' }, NetworkMode: 'none' },
      StopTimeout: 1,
    });
    if (service.start !== false) await container.start();
    containers.push({ service: service.name, name, id: container.id, container });
  }
  return {
    project,
    containers,
    get(service) {
      const found = containers.find((c) => c.service === service);
      if (!found) throw new Error(`no service ${service} in test stack ${project}`);
      return found;
    },
  };
}

/**
 * Removes (forcefully) the test containers of this process; `{ all: true }` removes every
 * container labelled opsbar.test=1, e.g. leftovers of a crashed run. Never throws.
 */
export async function removeTestStacks(options: { all?: boolean } = {}): Promise<number> {
  if (!(await dockerAvailable())) return 0;
  const label = options.all ? [`${TEST_LABEL}=1`] : [`${TEST_LABEL}=1`, `${OWNER_LABEL}=${process.pid}`];
  const docker = testDocker();
  let removed = 0;
  try {
    const list = await docker.listContainers({ all: true, filters: { label } });
    await Promise.all(
      list.map(async (c) => {
        try {
          await docker.getContainer(c.Id).remove({ force: true });
          removed++;
        } catch {
          // already gone
        }
      }),
    );
  } catch {
    // the engine went away: nothing to clean
  }
  return removed;
}
