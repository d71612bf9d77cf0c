import type Dockerode from 'dockerode';
import { isNotFound, type DockerCall } from '../rollback/dockerCalls';

/** The compose labels the container actions read. */
export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
export const DEPENDS_ON_LABEL = 'com.docker.compose.depends_on';
export const ONEOFF_LABEL = 'com.docker.compose.oneoff';
/** A container the operator marked: restart and start are allowed (it comes back), stop is refused. */
export const PROTECT_LABEL = 'opsbar.protect';

/** What the plan saw of one container, and what execution and verification re-read. */
export interface ContainerReading {
  id: string;
  name: string;
  /** `running`, `exited`, `created`, … */
  state: string;
  /** `healthy`, `unhealthy`, `starting`, or `none` without a healthcheck. */
  health: string;
  hasHealthcheck: boolean;
  imageId: string;
  imageRef: string;
  /** The Engine's `State.StartedAt` (RFC 3339): a restart changes it. */
  startedAt: string;
  exitCode: number | null;
  restartPolicy: string;
  /** Docker's own stop grace for it (compose's stop_grace_period), null when not set. */
  stopTimeout: number | null;
  project: string | null;
  service: string | null;
  /** Compose `depends_on` services, from its label. */
  dependsOn: string[];
  protected: boolean;
  oneoff: boolean;
}

interface InspectInfo {
  Id: string;
  Name?: string;
  Image?: string;
  State?: { Status?: string; ExitCode?: number; StartedAt?: string; Health?: { Status?: string } | null };
  Config?: { Image?: string; Labels?: Record<string, string> | null; Healthcheck?: { Test?: string[] } | null; StopTimeout?: number | null };
  HostConfig?: { RestartPolicy?: { Name?: string } };
}

/** "db:service_healthy:false,cache:service_started:true" → ["db", "cache"] (compose v2's label). */
export function parseDependsOn(label: string | undefined): string[] {
  if (!label) return [];
  return [
    ...new Set(
      label
        .split(',')
        .map((part) => part.split(':')[0].trim())
        .filter((s) => s.length > 0),
    ),
  ];
}

export function readingOf(info: InspectInfo): ContainerReading {
  const labels = info.Config?.Labels ?? {};
  const test = info.Config?.Healthcheck?.Test ?? [];
  return {
    id: info.Id,
    name: (info.Name ?? info.Id).replace(/^\//, ''),
    state: info.State?.Status ?? 'unknown',
    health: info.State?.Health?.Status ?? 'none',
    hasHealthcheck: test.length > 0 && test[0] !== 'NONE',
    imageId: info.Image ?? '',
    imageRef: info.Config?.Image ?? '',
    startedAt: info.State?.StartedAt ?? '',
    exitCode: info.State?.ExitCode ?? null,
    restartPolicy: info.HostConfig?.RestartPolicy?.Name || 'no',
    stopTimeout: typeof info.Config?.StopTimeout === 'number' ? info.Config.StopTimeout : null,
    project: labels[PROJECT_LABEL] ?? null,
    service: labels[SERVICE_LABEL] ?? null,
    dependsOn: parseDependsOn(labels[DEPENDS_ON_LABEL]),
    protected: labels[PROTECT_LABEL] === 'true',
    oneoff: labels[ONEOFF_LABEL] === 'True',
  };
}

/** One container by name or id; null when the Engine does not know it. */
export async function readContainer(ref: string, docker: Dockerode, call: DockerCall): Promise<ContainerReading | null> {
  try {
    const info = await call(`inspecting container ${ref}`, (abortSignal) => docker.getContainer(ref).inspect({ abortSignal } as object));
    return readingOf(info as unknown as InspectInfo);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Every container of a compose project (all states), inspected. */
export async function readStack(stack: string, docker: Dockerode, call: DockerCall): Promise<ContainerReading[]> {
  const list = await call(`listing stack ${stack}`, (abortSignal) => docker.listContainers({ all: true, filters: { label: [`${PROJECT_LABEL}=${stack}`] }, abortSignal } as object));
  const readings: ContainerReading[] = [];
  for (const entry of list) {
    const reading = await readContainer(entry.Id, docker, call);
    if (reading) readings.push(reading);
  }
  return readings.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Running, and healthy when it has a healthcheck. */
export function isUp(r: Pick<ContainerReading, 'state' | 'health' | 'hasHealthcheck'>): boolean {
  return r.state === 'running' && (!r.hasHealthcheck || r.health === 'healthy');
}

/** "running, healthy", "running (no healthcheck)", "exited (code 137)". */
export function describeState(r: Pick<ContainerReading, 'state' | 'health' | 'hasHealthcheck' | 'exitCode'>): string {
  if (r.state === 'running') return r.hasHealthcheck ? `running, ${r.health === 'none' ? 'health not yet known' : r.health}` : 'running (no healthcheck)';
  if (r.state === 'exited' && r.exitCode !== null) return `exited (code ${r.exitCode})`;
  return r.state;
}
