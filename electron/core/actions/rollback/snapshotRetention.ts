import type Dockerode from 'dockerode';
import type { StackSnapshot } from '../../../../shared/types/actions';
import type { Logger } from '../../logger';
import type { SnapshotLog } from '../../store/snapshotLog';
import { dockerMessage, type DockerCall } from './dockerCalls';
import { releaseTag } from './protectedTags';

/**
 * Keeps `keep` snapshots of a stack: the oldest automatic ones go first, then the oldest of the
 * others; the newest one (just taken) always stays. A removed snapshot's protected tags are
 * released unless another snapshot still names them; images are never removed.
 */
export async function applySnapshotRetention(stack: string, keep: number, log: SnapshotLog, docker: Dockerode, call: DockerCall, logger: Logger): Promise<StackSnapshot[]> {
  const all = log.list(stack); // newest first
  const excess = all.length - keep;
  if (excess <= 0) return [];
  const candidates = all.slice(1).reverse(); // oldest first, never the newest
  const order = [...candidates.filter((s) => s.reason === 'auto'), ...candidates.filter((s) => s.reason !== 'auto')];
  const removed = order.slice(0, excess);
  for (const snapshot of removed) log.remove(snapshot.id);
  const stillNamed = new Set(log.list().flatMap((s) => s.tags));
  for (const snapshot of removed) {
    for (const tag of snapshot.tags) {
      if (stillNamed.has(tag)) continue;
      try {
        const result = await releaseTag(tag, docker, call);
        if (result === 'kept') logger.info(`Kept tag ${tag} of an old snapshot of ${stack}: it is the image's only name, and removing it would delete the image.`);
      } catch (error) {
        logger.warn(`Tag ${tag} of an old snapshot of ${stack} was not removed (${dockerMessage(error)}); remove it with \`docker rmi ${tag}\` if it is no longer wanted.`);
      }
    }
  }
  return removed;
}
