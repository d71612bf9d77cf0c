import type { ContainerReading } from './containerReading';

type Node = Pick<ContainerReading, 'name' | 'service' | 'dependsOn'>;

/**
 * The order to start a stack in: each container after the services it depends on (compose
 * `depends_on`), ties by name; without labels simply name order. A dependency on a service not
 * in the stack is ignored. A cycle is not broken: it is returned (as "a → b → a") so the plan can
 * refuse and name it.
 */
export function stackStartOrder<C extends Node>(containers: readonly C[]): { order: C[]; cycle: string | null } {
  const byName = [...containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const services = new Set(byName.map((c) => c.service).filter((s): s is string => s !== null));
  const left = new Set(byName);
  const order: C[] = [];
  const waitsOn = (c: C) => c.dependsOn.filter((dep) => services.has(dep) && dep !== c.service);
  const serviceLeft = (service: string) => [...left].some((c) => c.service === service);
  while (left.size > 0) {
    const next = [...left].find((c) => waitsOn(c).every((dep) => !serviceLeft(dep)));
    if (!next) return { order, cycle: describeCycle([...left], waitsOn) };
    left.delete(next);
    order.push(next);
  }
  return { order, cycle: null };
}

/** Follows unmet dependencies from the first stuck container until a service repeats. */
function describeCycle<C extends Node>(stuck: C[], waitsOn: (c: C) => string[]): string {
  const byService = new Map(stuck.filter((c) => c.service !== null).map((c) => [c.service as string, c]));
  const path: string[] = [];
  let current: C | undefined = stuck[0];
  while (current) {
    const label = current.service ?? current.name;
    const seen = path.indexOf(label);
    if (seen >= 0) return [...path.slice(seen), label].join(' → ');
    path.push(label);
    current = waitsOn(current)
      .map((dep) => byService.get(dep))
      .find((c): c is C => c !== undefined);
  }
  return path.join(' → ');
}
