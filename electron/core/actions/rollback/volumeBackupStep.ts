import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { PlanItem, StackSnapshot } from '../../../../shared/types/actions';
import { formatBytes } from '../../../../shared/format/bytes';
import type { ExecutionContext, ItemResult } from '../actionPlugin';
import { dockerCallsFor, type DockerCall } from './dockerCalls';
import { tagTime } from './protectedTags';
import { backupVolume } from './volumeBackup';

/** The `rollback.backup:<volume>` item: a verified tar of the volume, made with one of the stack's own images. */
export async function volumeBackup(step: { item: PlanItem; snapshot: StackSnapshot; context: ExecutionContext; docker: Dockerode; call: DockerCall }): Promise<ItemResult> {
  const { item, snapshot, context, docker, call } = step;
  const volume = String(item.facts.volume);
  // Prefer an image of a container that mounts the volume: it is the one most likely to read its files.
  const user = snapshot.containers.find((c) => c.mounts.some((m) => m.name === volume)) ?? snapshot.containers[0];
  const backupDir = context.settings().emergency.rollback.backupDir || join(context.dataDir, 'backups');
  // tar of a big volume takes longer than one API call: its own, longer deadline.
  const tarCall = dockerCallsFor(context.signal, Math.max(context.callTimeoutMs * 20, 10 * 60_000));
  const result = await backupVolume(volume, { stack: snapshot.stack, helperImage: user.imageId, backupDir, stamp: tagTime(context.clock.now()), docker, call, tarCall });
  return { outcome: 'done', detail: `backed up to ${result.file} (${result.entries} entries, ${formatBytes(result.bytes)}), verified by listing it`, bytes: null };
}
