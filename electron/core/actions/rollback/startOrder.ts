import type { SnapshotContainer } from '../../../../shared/types/actions';

/**
 * The order to start a stack's containers in: every container after the services it depends on
 * (compose `depends_on`), ties by name so the plan reads the same each time. A dependency on a
 * service that is not in the snapshot is ignored; a cycle is broken by name order (and said).
 */
export function startOrder<C extends Pick<SnapshotContainer, 'name' | 'service' | 'dependsOn'>>(containers: readonly C[]): { order: C[]; cycle: string[] } {
  const byName = [...containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const services = new Set(byName.map((c) => c.service).filter((s): s is string => s !== null));
  const started = new Set<string>();
  const order: C[] = [];
  const left = new Set(byName);
  const ready = (c: C) => c.dependsOn.every((dep) => !services.has(dep) || dep === c.service || started.has(dep));
  const serviceDone = (service: string | null) => service !== null && byName.every((c) => c.service !== service || !left.has(c));
  while (left.size > 0) {
    const next = [...left].find(ready);
    if (!next) break;
    left.delete(next);
    order.push(next);
    if (serviceDone(next.service)) started.add(next.service as string);
  }
  const cycle = [...left].map((c) => c.name);
  order.push(...left);
  return { order, cycle };
}
