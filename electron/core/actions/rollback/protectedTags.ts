import type Dockerode from 'dockerode';
import type { SnapshotContainer } from '../../../../shared/types/actions';
import { dockerMessage, isNotFound, type DockerCall } from './dockerCalls';

/**
 * `opsbar-snapshot/<stack>`: a repository name Docker accepts (runs of separators become one
 * dash, none at the ends), so every snapshot image keeps a tag and no prune removes it.
 */
export function snapshotRepository(stack: string): string {
  const safe = stack
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  return `opsbar-snapshot/${safe || 'stack'}`;
}

/** `20261202T100000` (UTC): the time part of a protected tag. */
export function tagTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
}

/**
 * Tags each distinct image of the snapshot `<repo>:<time>-<n>`; `n` continues after the tags
 * already used at that second so two snapshots never share (and so never move) a tag.
 */
export async function tagSnapshotImages(
  stack: string,
  takenAt: number,
  containers: readonly SnapshotContainer[],
  tagsInUse: ReadonlySet<string>,
  docker: Dockerode,
  call: DockerCall,
): Promise<{ tags: string[]; problems: string[] }> {
  const repo = snapshotRepository(stack);
  const time = tagTime(takenAt);
  const tags: string[] = [];
  const problems: string[] = [];
  let n = 0;
  for (const imageId of [...new Set(containers.map((c) => c.imageId))]) {
    let tag: string;
    do tag = `${time}-${++n}`;
    while (tagsInUse.has(`${repo}:${tag}`));
    try {
      await call(`tagging image ${imageId.slice(0, 19)}`, (abortSignal) => docker.getImage(imageId).tag({ repo, tag, abortSignal }));
      tags.push(`${repo}:${tag}`);
    } catch (error) {
      problems.push(`Image ${imageId.slice(0, 19)} could not be tagged ${repo}:${tag} (${dockerMessage(error)}): a prune could remove it.`);
    }
  }
  return { tags, problems };
}

/**
 * Removes one protected tag, never the image: when the tag is the image's only name, removing
 * it would delete the image, so it stays (the disk action then lists that image by this name).
 */
export async function releaseTag(ref: string, docker: Dockerode, call: DockerCall): Promise<'removed' | 'kept' | 'gone'> {
  let tags: string[];
  try {
    const info = await call(`inspecting image ${ref}`, (abortSignal) => docker.getImage(ref).inspect({ abortSignal } as object));
    tags = (info as { RepoTags?: string[] | null }).RepoTags ?? [];
  } catch (error) {
    if (isNotFound(error)) return 'gone';
    throw error;
  }
  if (!tags.includes(ref)) return 'gone';
  if (tags.length < 2) return 'kept';
  // With other names left, DELETE /images/<tag> only untags.
  await call(`removing tag ${ref}`, (abortSignal) => docker.getImage(ref).remove({ noprune: true, abortSignal } as object));
  return 'removed';
}
