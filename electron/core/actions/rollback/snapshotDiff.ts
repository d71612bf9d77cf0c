import type { SnapshotContainer } from '../../../../shared/types/actions';

type Compared = Pick<SnapshotContainer, 'name' | 'imageId' | 'imageRef' | 'mounts' | 'create'>;

/** `sha256:ab12cd34ef56` (the first 12 hex digits, as `docker images` shows them). */
export function shortImageId(id: string): string {
  return id.startsWith('sha256:') ? id.slice(0, 19) : id.slice(0, 12);
}

/**
 * What differs between a snapshot and the stack now, one line per container:
 * "web: image nginx:1.25 (sha256:ab12…) → now sha256:cd34…", "worker: not present now",
 * "api: env changed"; "same as now" when nothing does.
 */
export function snapshotDifferences(snapshot: readonly Compared[], now: readonly Compared[]): string[] {
  const lines: string[] = [];
  const current = new Map(now.map((c) => [c.name, c]));
  for (const then of snapshot) {
    const c = current.get(then.name);
    if (!c) {
      lines.push(`${then.name}: not present now`);
      continue;
    }
    if (then.imageId !== c.imageId) {
      const ref = c.imageRef !== then.imageRef && !c.imageRef.startsWith('sha256:') ? `${c.imageRef} (${shortImageId(c.imageId)})` : shortImageId(c.imageId);
      lines.push(`${then.name}: image ${then.imageRef} (${shortImageId(then.imageId)}) → now ${ref}`);
    }
    const changed = changedParts(then, c);
    if (changed.length > 0) lines.push(`${then.name}: ${changed.join(', ')} changed`);
  }
  const named = new Set(snapshot.map((c) => c.name));
  for (const c of now) if (!named.has(c.name)) lines.push(`${c.name}: not in the snapshot`);
  return lines.length > 0 ? lines : ['same as now'];
}

function changedParts(then: Compared, now: Compared): string[] {
  const parts: string[] = [];
  const a = then.create;
  const b = now.create;
  if (!sameList(a.Env, b.Env)) parts.push('env');
  if (JSON.stringify(a.Cmd ?? null) !== JSON.stringify(b.Cmd ?? null)) parts.push('cmd');
  if (JSON.stringify(a.Entrypoint ?? null) !== JSON.stringify(b.Entrypoint ?? null)) parts.push('entrypoint');
  if (JSON.stringify(a.Healthcheck ?? null) !== JSON.stringify(b.Healthcheck ?? null)) parts.push('healthcheck');
  if (!sameLabels(a.Labels, b.Labels)) parts.push('labels');
  const mounts = (m: Compared['mounts']) => m.map((x) => `${x.type}|${x.name ?? x.source}|${x.destination}`).sort();
  if (!sameList(mounts(then.mounts), mounts(now.mounts))) parts.push('mounts');
  return parts;
}

function sameList(a: unknown, b: unknown): boolean {
  const norm = (x: unknown) => (Array.isArray(x) ? [...(x as string[])].sort() : []);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

function sameLabels(a: unknown, b: unknown): boolean {
  const norm = (x: unknown) =>
    Object.entries((x ?? {}) as Record<string, string>)
      .filter(([k]) => k !== 'com.docker.compose.replace' && k !== 'com.docker.compose.container-number')
      .sort(([p], [q]) => (p < q ? -1 : 1));
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
