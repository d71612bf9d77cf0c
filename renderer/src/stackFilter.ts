import type { ContainerInfo, Stack } from '../../shared/types/docker';

function matches(text: string | null, needle: string): boolean {
  return text != null && text.toLowerCase().includes(needle);
}

function containerMatches(container: ContainerInfo, needle: string): boolean {
  return [container.name, container.service, container.image, container.state, container.health].some((t) => matches(t, needle));
}

/**
 * Stacks whose name matches keep all their containers; otherwise only matching containers
 * (by name, service, image, state or health) are kept, and stacks left empty are dropped.
 */
export function filterStacks(stacks: Stack[], filter: string): Stack[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return stacks;
  const result: Stack[] = [];
  for (const stack of stacks) {
    if (matches(stack.name, needle)) {
      result.push(stack);
      continue;
    }
    const containers = stack.containers.filter((c) => containerMatches(c, needle));
    if (containers.length > 0) result.push({ ...stack, containers });
  }
  return result;
}
