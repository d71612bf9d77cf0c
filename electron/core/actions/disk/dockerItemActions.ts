import type Dockerode from 'dockerode';
import { formatBytes } from '../../../../shared/format/bytes';
import type { PlanItem } from '../../../../shared/types/actions';
import type { ExecutionContext, ItemResult } from '../actionPlugin';
import { truncateLogFile } from './containerLogs';
import { call, engineMessage, isConflict, isNotFound, skipped } from './diskItems';
import { containerName, isProtected, REMOVABLE_STATES } from './dockerView';
import { engineDiskUsage, engineInfo, inspectContainer, inspectImage, pruneBuildCacheRecord, removeImageById } from './engineCalls';
import { isSnapshotImage, realTags } from './imageCandidates';

/** Re-checks a stopped container (still there, still stopped, same id, image and creation) and removes it, never its volumes. */
export async function removeContainer(item: PlanItem, context: ExecutionContext): Promise<ItemResult> {
  const docker = context.dockerAdmin();
  const id = String(item.facts.id);
  const list = await call(context, `Docker container list for ${item.name}`, (abortSignal) =>
    docker.listContainers({ all: true, filters: { id: [id] }, abortSignal } as Dockerode.ContainerListOptions),
  );
  const found = list.find((c) => c.Id === id);
  if (!found) return skipped('the container no longer exists');
  if (!REMOVABLE_STATES.has(found.State)) return skipped(`the container is ${found.State} now`);
  if (isProtected(found.Labels)) return skipped('the container is labelled opsbar.protect=true now');
  if (found.ImageID !== item.facts.imageId) return skipped('the container uses another image now');
  if (found.Created !== item.facts.created) return skipped('the container was created again');
  try {
    await call(context, `Docker remove of container ${item.name}`, (abortSignal) => docker.getContainer(id).remove({ v: false, force: false, abortSignal }));
  } catch (error) {
    if (isConflict(error)) return skipped(`the engine refused to remove it without force (${engineMessage(error)}); nothing was forced`);
    throw error;
  }
  return { outcome: 'done', detail: `removed container ${item.name} (its volumes stay)`, bytes: item.bytes };
}

/** Re-checks an image (no container of any state uses it, not a snapshot's, not protected) and removes it by id. */
export async function removeImage(item: PlanItem, context: ExecutionContext): Promise<ItemResult> {
  const docker = context.dockerAdmin();
  const id = String(item.facts.id);
  let image;
  try {
    image = await call(context, `Docker inspect of image ${item.name}`, (signal) => inspectImage(docker, id, signal));
  } catch (error) {
    if (isNotFound(error)) return skipped('the image no longer exists');
    throw error;
  }
  if (image.Id !== id) return skipped('the image id differs');
  const tags = realTags(image.RepoTags);
  if (tags.join(',') !== item.facts.tags) return skipped(`the image's tags are now ${tags.join(', ') || 'none'}`);
  if (isSnapshotImage(image.RepoTags, id, context.snapshots.protectedImageIds())) return skipped('the image belongs to a rollback snapshot now');
  if (isProtected(image.Config?.Labels)) return skipped('the image is labelled opsbar.protect=true');
  const users = await call(context, `Docker container list for image ${item.name}`, (abortSignal) =>
    docker.listContainers({ all: true, abortSignal } as Dockerode.ContainerListOptions),
  );
  const user = users.find((c) => c.ImageID === id);
  if (user) return skipped(`now used by container ${containerName(user)} (${user.State})`);
  try {
    await call(context, `Docker remove of image ${item.name}`, (signal) => removeImageById(docker, id, signal));
  } catch (error) {
    // An image with several tags, or one a container started using meanwhile: never forced.
    if (isConflict(error)) return { outcome: 'failed', detail: `the engine refused to remove image ${item.name} without force (${engineMessage(error)}); nothing was forced: remove its extra tags by hand if it should go` };
    throw error;
  }
  return { outcome: 'done', detail: `removed image ${item.name}`, bytes: item.bytes };
}

/** Prunes exactly this build cache record by id; an engine that ignores or refuses the filter is reported, never widened. */
export async function removeBuildCache(item: PlanItem, context: ExecutionContext): Promise<ItemResult> {
  const docker = context.dockerAdmin();
  const id = String(item.facts.id);
  const df = await call(context, 'Docker /system/df', (signal) => engineDiskUsage(docker, signal));
  const record = (df.BuildCache ?? []).find((r) => r.ID === id);
  if (!record) return skipped('the build cache record no longer exists');
  if (record.InUse) return skipped('the build cache record is in use now');
  let reply;
  try {
    reply = await call(context, `Docker build cache prune of ${id}`, (signal) => pruneBuildCacheRecord(docker, id, signal));
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 400 || status === 404) return { outcome: 'skipped', detail: `the engine refused to prune one build cache record by id (${(error as Error).message}); nothing was pruned` };
    throw error;
  }
  const deleted = reply.CachesDeleted ?? [];
  const others = deleted.filter((d) => d !== id);
  if (others.length > 0) return { outcome: 'failed', detail: `the engine also pruned ${others.length} other build cache record(s) it matched by id: ${others.slice(0, 5).join(', ')}`, bytes: reply.SpaceReclaimed };
  if (!deleted.includes(id)) return { outcome: 'skipped', detail: 'the engine pruned nothing for this id (it may not support pruning by id)', bytes: 0 };
  return { outcome: 'done', detail: `pruned build cache ${id} (${formatBytes(reply.SpaceReclaimed)})`, bytes: reply.SpaceReclaimed };
}

/** Truncates the LogPath the plan saw when it is still that file (same inode, not a link, inside the data root). */
export async function truncateLog(item: PlanItem, context: ExecutionContext): Promise<ItemResult> {
  const docker = context.dockerAdmin();
  const id = String(item.facts.containerId);
  const dockerRoot = String(item.facts.dockerRoot);
  const info = await call(context, 'Docker /info', (signal) => engineInfo(docker, signal));
  if (info.DockerRootDir !== dockerRoot) return skipped(`Docker's data root is now ${info.DockerRootDir ?? 'unknown'} (the plan saw ${dockerRoot})`);
  let inspect;
  try {
    inspect = await call(context, `Docker inspect of ${item.name}`, (signal) => inspectContainer(docker, id, signal));
  } catch (error) {
    if (isNotFound(error)) return skipped('the container no longer exists');
    throw error;
  }
  if (inspect.LogPath !== item.facts.logPath) return skipped(`the container's LogPath is now ${inspect.LogPath}`);
  const result = await truncateLogFile(String(item.facts.logPath), { inode: Number(item.facts.inode), device: Number(item.facts.device) }, dockerRoot);
  if (!result.truncated) return { outcome: 'skipped', detail: `refused: ${result.reason}` };
  return { outcome: 'done', detail: `truncated ${formatBytes(result.freedBytes)} of log; the container was not touched`, bytes: result.freedBytes };
}

/** Whether a removed container or image is gone (404): measured by verify, not assumed. */
export async function dockerObjectGone(item: PlanItem, context: ExecutionContext): Promise<boolean> {
  const docker = context.dockerAdmin();
  try {
    if (item.kind === 'container.remove') await call(context, 'Docker inspect', (signal) => inspectContainer(docker, String(item.facts.id), signal));
    else await call(context, 'Docker image inspect', (signal) => inspectImage(docker, String(item.facts.id), signal));
    return false;
  } catch (error) {
    if (isNotFound(error)) return true;
    throw error;
  }
}
