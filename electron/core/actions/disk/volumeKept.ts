import type { KeptItem } from '../../../../shared/types/actions';
import { containerName, type DockerView } from './dockerView';

const ANONYMOUS = /^[0-9a-f]{64}$/;

/** Every volume is kept and said so, with what kind it is: this action never removes a volume. */
export function keptVolumes(view: DockerView): KeptItem[] {
  const usedBy = new Map<string, string[]>();
  const usedByCompose = new Set<string>();
  for (const c of view.containers) {
    for (const mount of c.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Name) continue;
      usedBy.set(mount.Name, [...(usedBy.get(mount.Name) ?? []), containerName(c)]);
      if (c.Labels?.['com.docker.compose.project']) usedByCompose.add(mount.Name);
    }
  }
  return view.volumes.map((volume) => {
    const labels = volume.Labels ?? {};
    const users = usedBy.get(volume.Name);
    const use = users ? ` (used by ${users.slice(0, 3).join(', ')}${users.length > 3 ? ` and ${users.length - 3} more` : ''})` : '';
    let what: string;
    if (labels['com.docker.volume.anonymous'] !== undefined || (ANONYMOUS.test(volume.Name) && Object.keys(labels).length === 0)) what = 'anonymous volume';
    else if (labels['com.docker.compose.volume'] || labels['com.docker.compose.project']) what = `named volume of stack ${labels['com.docker.compose.project'] ?? '?'}`;
    else if (usedByCompose.has(volume.Name)) what = 'external volume (created outside compose)';
    else what = 'named volume';
    return { id: `volume:${volume.Name}`, kind: 'volume', name: volume.Name, reason: `${what}${use}: never removed` };
  });
}
