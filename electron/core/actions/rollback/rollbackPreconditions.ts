import type Dockerode from 'dockerode';
import type { StackSnapshot } from '../../../../shared/types/actions';
import { dockerMessage, isNotFound, type DockerCall } from './dockerCalls';
import { shortImageId } from './snapshotDiff';

/** The networks the snapshot's containers join (user-defined ones: host, none and bridge always exist). */
export function snapshotNetworks(snapshot: StackSnapshot): string[] {
  const builtIn = new Set(['host', 'none', 'bridge', 'default']);
  const names = snapshot.containers.flatMap((c) => Object.keys(((c.create.NetworkingConfig as { EndpointsConfig?: object } | undefined)?.EndpointsConfig ?? {}) as object));
  return [...new Set(names)].filter((n) => !builtIn.has(n)).sort();
}

/**
 * What must hold before anything stops: the snapshot is complete, every image it needs and
 * every named volume and network it uses is present, and Docker answers. Checked at plan and
 * again just before the first item; each failure is a sentence that says what to do.
 */
export async function rollbackPreconditions(snapshot: StackSnapshot, docker: Dockerode, call: DockerCall): Promise<string[]> {
  const refusals: string[] = [];
  if (!snapshot.complete) refusals.push(`Snapshot ${snapshot.id} of ${snapshot.stack} is incomplete (${snapshot.problems.join(' ') || 'a container was not captured'}): choose another snapshot.`);
  const checks: { what: string; read: (s: AbortSignal) => Promise<unknown>; missing: string }[] = [
    ...[...new Set(snapshot.containers.map((c) => c.imageId))].map((id) => {
      const refs = snapshot.containers.filter((c) => c.imageId === id).map((c) => `${c.name} (${c.imageRef})`);
      return {
        what: `image ${shortImageId(id)}`,
        read: (abortSignal: AbortSignal) => docker.getImage(id).inspect({ abortSignal } as object),
        missing: `Image ${shortImageId(id)} of ${refs.join(', ')} is no longer on this host (removed by hand?): the snapshot cannot be restored. Choose another snapshot, or pull or load that image again.`,
      };
    }),
    ...snapshot.volumes.map((name) => ({
      what: `volume ${name}`,
      read: (abortSignal: AbortSignal) => docker.getVolume(name).inspect({ abortSignal } as object),
      missing: `Named volume ${name} is gone: the snapshot's containers would start without their data. Restore the volume (or create it) first.`,
    })),
    ...snapshotNetworks(snapshot).map((name) => ({
      what: `network ${name}`,
      // dockerode's typings omit the options argument here; it takes abortSignal like the others.
      read: (abortSignal: AbortSignal) => (docker.getNetwork(name) as unknown as { inspect(o: object): Promise<unknown> }).inspect({ abortSignal }),
      missing: `Network ${name} is gone: create it again (\`docker network create ${name}\`) before rolling back.`,
    })),
  ];
  for (const check of checks) {
    try {
      await call(`inspecting ${check.what}`, check.read);
    } catch (error) {
      if (isNotFound(error)) refusals.push(check.missing);
      else {
        refusals.push(`Docker did not answer while checking ${check.what} (${dockerMessage(error)}): try again when Docker answers.`);
        break;
      }
    }
  }
  return refusals;
}
