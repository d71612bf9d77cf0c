import type Dockerode from 'dockerode';
import { formatBytes } from '../../../../shared/format/bytes';
import { type CandidateSet, DAY_MS, daysAgo, emptyCandidates, shortId } from './diskItems';
import { containerName, type DockerView, isProtected, REMOVABLE_STATES } from './dockerView';

export const SNAPSHOT_REPO_PREFIX = 'opsbar-snapshot/';

export interface ImagePlanOptions {
  now: number;
  /** Stopped containers the plan removes first: an image only they use may go after them. */
  plannedContainers: ReadonlySet<string>;
  /** Image ids rollback snapshots keep. */
  snapshotImageIds: ReadonlySet<string>;
  /** Unused tagged images older than this many days are items; null: never. */
  unusedOlderThanDays: number | null;
  /** Whether the operator asked for unused images (else they start unticked). */
  unusedSelected: boolean;
}

/** The real tags: the list shows an untagged image as `<none>:<none>`, inspect as none. */
export function realTags(tags: readonly string[] | null | undefined): string[] {
  return (tags ?? []).filter((tag) => tag !== '<none>:<none>');
}

function imageName(image: Dockerode.ImageInfo): string {
  const tags = realTags(image.RepoTags);
  return tags.length > 0 ? tags.join(', ') : `<none> ${shortId(image.Id)}`;
}

export function isSnapshotImage(tags: readonly string[] | null | undefined, id: string, snapshotIds: ReadonlySet<string>): boolean {
  return snapshotIds.has(id) || (tags ?? []).some((tag) => tag.startsWith(SNAPSHOT_REPO_PREFIX));
}

/**
 * Dangling images, and (opt-in) unused images older than N days. Never an image a running,
 * paused or protected container uses, a snapshot's image, or one labelled opsbar.protect=true.
 * Images come after the containers in the plan: one only planned containers use goes after them.
 */
export function planImages(view: DockerView, options: ImagePlanOptions): CandidateSet {
  const out = emptyCandidates();
  const users = new Map<string, Dockerode.ContainerInfo[]>();
  for (const c of view.containers) users.set(c.ImageID, [...(users.get(c.ImageID) ?? []), c]);
  for (const image of view.images) {
    const name = imageName(image);
    const kept = (reason: string) => out.kept.push({ id: `image:${image.Id}`, kind: 'image', name, reason });
    const usedBy = users.get(image.Id) ?? [];
    const staying = usedBy.filter((c) => !options.plannedContainers.has(c.Id));
    if (isSnapshotImage(image.RepoTags, image.Id, options.snapshotImageIds)) {
      kept(`image of rollback snapshot ${(image.RepoTags ?? []).find((t) => t.startsWith(SNAPSHOT_REPO_PREFIX)) ?? shortId(image.Id)}: never removed`);
      continue;
    }
    if (isProtected(image.Labels)) {
      kept('labelled opsbar.protect=true');
      continue;
    }
    if (staying.length > 0) {
      const running = staying.find((c) => !REMOVABLE_STATES.has(c.State));
      if (running) kept(`used by ${running.State} container ${containerName(running)}`);
      else kept(`used by protected container ${containerName(staying[0])}`);
      continue;
    }
    const after = usedBy.length > 0 ? `; after its stopped container ${usedBy.map(containerName).join(', ')} is removed` : '';
    const facts = { id: image.Id, tags: realTags(image.RepoTags).join(','), created: image.Created, usedBy: usedBy.map((c) => c.Id).join(',') };
    if (view.danglingIds.has(image.Id)) {
      out.items.push({
        id: `image:${image.Id}`,
        kind: 'image.remove',
        name,
        bytes: image.Size,
        reason: `dangling (untagged), ${formatBytes(image.Size)} including layers it may share with other images${after}`,
        selected: true,
        facts,
      });
    } else if (options.unusedOlderThanDays !== null && image.Created * 1000 <= options.now - options.unusedOlderThanDays * DAY_MS) {
      out.items.push({
        id: `image:${image.Id}`,
        kind: 'image.remove',
        name,
        bytes: image.Size,
        reason: `unused, created ${daysAgo(image.Created * 1000, options.now)} (older than ${options.unusedOlderThanDays} days), ${formatBytes(image.Size)} including shared layers${after}`,
        selected: options.unusedSelected,
        facts,
      });
    }
  }
  return out;
}

/** Build cache records not in use, each pruned by its own id (never a broad prune). */
export function planBuildCache(view: DockerView): CandidateSet {
  const out = emptyCandidates();
  for (const record of view.buildCache) {
    if (record.InUse) continue;
    out.items.push({
      id: `buildcache:${record.ID}`,
      kind: 'buildcache.remove',
      name: `build cache ${record.ID.slice(0, 12)}${record.Description ? ` (${record.Description.slice(0, 80)})` : ''}`,
      bytes: record.Size,
      reason: `build cache ${record.Type ?? 'record'}, ${formatBytes(record.Size)}${record.Shared ? ' (shared with other records: may free less)' : ''}`,
      selected: true,
      facts: { id: record.ID, size: record.Size },
    });
  }
  return out;
}
