import { createHash } from 'node:crypto';
import type { SnapshotContainer } from '../../../../shared/types/actions';

/**
 * Labels that change without the configuration changing (compose marks a replaced container,
 * and records its own version): left out so a recreate alone is not "changed".
 */
const VOLATILE_LABELS = new Set(['com.docker.compose.replace', 'com.docker.compose.version', 'com.docker.compose.container-number']);

export interface DigestParts {
  imageId: string;
  env: readonly string[];
  cmd: readonly string[];
  labels: Record<string, string>;
  mounts: SnapshotContainer['mounts'];
}

/** What "changed since the last snapshot" compares for one container: image id, env, cmd, labels, mounts. */
export function containerDigest(parts: DigestParts): string {
  const labels = Object.entries(parts.labels)
    .filter(([key]) => !VOLATILE_LABELS.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const mounts = parts.mounts.map((m) => `${m.type}|${m.name ?? ''}|${m.type === 'volume' ? '' : m.source}|${m.destination}`).sort();
  return sha256(JSON.stringify({ image: parts.imageId, env: [...parts.env].sort(), cmd: parts.cmd, labels, mounts }));
}

/** A whole stack's digest: its containers by name with theirs. */
export function stackDigest(containers: readonly Pick<SnapshotContainer, 'name' | 'configDigest'>[]): string {
  return sha256(
    containers
      .map((c) => `${c.name}=${c.configDigest}`)
      .sort()
      .join('\n'),
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
