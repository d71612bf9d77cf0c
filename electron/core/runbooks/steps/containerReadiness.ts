import type { Parsed } from './stepAttributes';

export type HealthTarget = { kind: 'container'; name: string } | { kind: 'stack'; project: string };
export type HealthWant = 'healthy' | 'running';

export interface ContainerObservation {
  name: string;
  state: string;
  health: string | null;
}

const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const PROJECT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const PLACEHOLDER = /\$\{[A-Z][A-Z0-9_]*\}/g;

/** The body of a `container-health` step: a container name, or `stack:<compose project>`. */
export function parseHealthTarget(body: string, options: { placeholders?: boolean } = {}): Parsed<HealthTarget> {
  const text = body.trim();
  if (text === '' || text.includes('\n')) return { ok: false, problem: 'a container-health step needs one line: a container name or stack:<compose project>' };
  const checked = options.placeholders ? text.replace(PLACEHOLDER, 'x') : text;
  if (checked.startsWith('stack:')) {
    const project = checked.slice('stack:'.length);
    if (!PROJECT_NAME.test(project)) return { ok: false, problem: `"${text}": the compose project name may hold only letters, digits, "_", "." and "-"` };
    return { ok: true, value: { kind: 'stack', project: text.slice('stack:'.length) } };
  }
  if (!CONTAINER_NAME.test(checked)) return { ok: false, problem: `"${text}" is not a container name (letters, digits, "_", "." and "-")` };
  return { ok: true, value: { kind: 'container', name: text.replace(/^\//, '') } };
}

export function parseWant(text: string | undefined): Parsed<HealthWant> {
  if (text === undefined || text === 'healthy') return { ok: true, value: 'healthy' };
  if (text === 'running') return { ok: true, value: 'running' };
  return { ok: false, problem: `want "${text}" must be healthy or running` };
}

/** "running, healthy", "running (no health check)", "exited". */
export function describeContainer(c: ContainerObservation): string {
  if (c.state !== 'running') return c.state;
  return c.health ? `running, ${c.health}` : 'running (no health check)';
}

/** Whether one container is where the step wants it. */
export function containerReady(c: ContainerObservation, want: HealthWant): boolean {
  if (c.state !== 'running') return false;
  return want === 'running' || c.health === null || c.health === 'healthy';
}

/** One line for the output and whether the target is ready. */
export function evaluateContainer(name: string, observed: ContainerObservation | null, want: HealthWant): { ready: boolean; line: string } {
  if (!observed) return { ready: false, line: `container ${name} does not exist` };
  return { ready: containerReady(observed, want), line: `${observed.name}: ${describeContainer(observed)}` };
}

export function evaluateStack(project: string, containers: ContainerObservation[], want: HealthWant): { ready: boolean; line: string } {
  if (containers.length === 0) return { ready: false, line: `stack ${project} has no containers` };
  const waiting = containers.filter((c) => !containerReady(c, want));
  const all = `${containers.length} container${containers.length === 1 ? '' : 's'}`;
  if (waiting.length === 0) return { ready: true, line: `stack ${project}: all ${all} ${want === 'healthy' ? 'healthy or running' : 'running'}` };
  const list = waiting.map((c) => `${c.name} (${describeContainer(c)})`).join(', ');
  return { ready: false, line: `stack ${project}: ${containers.length - waiting.length} of ${all} ready; waiting for ${list}` };
}
