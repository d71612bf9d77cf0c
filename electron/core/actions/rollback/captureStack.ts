import type Dockerode from 'dockerode';
import type { SnapshotContainer, StackSnapshot } from '../../../../shared/types/actions';
import { readComposeFiles } from './composeFiles';
import { COMPOSE_PROJECT_LABEL, snapshotContainerFrom, type ContainerInspect } from './containerCreateConfig';
import { dockerMessage, type DockerCall } from './dockerCalls';

/** A container of the stack as it is now (the rollback stops and removes exactly these ids). */
export interface CurrentContainer {
  id: string;
  name: string;
  state: string;
  health: string;
  snapshot: SnapshotContainer;
}

export interface StackCapture {
  containers: CurrentContainer[];
  files: StackSnapshot['files'];
  volumes: string[];
  /** Containers that could not be read: the capture is incomplete. */
  problems: string[];
}

/**
 * Reads every container of a compose stack (label `com.docker.compose.project`; one-off `run`
 * containers left out) through inspect, and optionally the compose files its labels name.
 * Touches nothing.
 */
export async function captureStack(stack: string, docker: Dockerode, call: DockerCall, options: { files: boolean }): Promise<StackCapture> {
  const list = await call(`listing the containers of stack ${stack}`, (abortSignal) =>
    docker.listContainers({ all: true, filters: { label: [`${COMPOSE_PROJECT_LABEL}=${stack}`] }, abortSignal } as Dockerode.ContainerListOptions),
  );
  const containers: CurrentContainer[] = [];
  const problems: string[] = [];
  for (const summary of list) {
    if (summary.Labels?.['com.docker.compose.oneoff'] === 'True') continue;
    const label = (summary.Names?.[0] ?? summary.Id.slice(0, 12)).replace(/^\//, '');
    try {
      const inspect = (await call(`inspecting container ${label}`, (abortSignal) =>
        docker.getContainer(summary.Id).inspect({ abortSignal } as object),
      )) as unknown as ContainerInspect;
      containers.push({
        id: inspect.Id,
        name: inspect.Name.replace(/^\//, ''),
        state: inspect.State?.Status ?? 'unknown',
        health: inspect.State?.Health?.Status ?? 'none',
        snapshot: snapshotContainerFrom(inspect),
      });
    } catch (error) {
      problems.push(`Container ${label} could not be read (${dockerMessage(error)}).`);
    }
  }
  containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const volumes = [...new Set(containers.flatMap((c) => c.snapshot.mounts.filter((m) => m.type === 'volume' && m.name).map((m) => m.name as string)))].sort();
  const labels = (containers[0]?.snapshot.create.Labels ?? {}) as Record<string, string>;
  const files = options.files && containers.length > 0 ? await readComposeFiles(labels) : [];
  return { containers, files, volumes, problems };
}
