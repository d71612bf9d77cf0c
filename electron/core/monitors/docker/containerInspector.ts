import type { ContainerHealth, ContainerState } from '../../../../shared/types/docker';
import type { Clock } from '../../clock';
import { forEachBounded } from './boundedConcurrency';
import { callWithDeadline } from './callWithDeadline';
import type { DockerApi, RawContainerDetails, RawContainerSummary } from './dockerApi';

/** What only inspect tells (the list does not): restarts, health, start time, exit code. */
export interface InspectedFacts {
  restartCount: number;
  health: ContainerHealth;
  startedAt: number | null;
  /** Last exit code as Docker reports it (0 for a container that never exited). */
  exitCode: number | null;
  /** Host PID of the main process while running (how its cgroup files are found); null otherwise. */
  pid: number | null;
}

const HEALTH: readonly string[] = ['healthy', 'unhealthy', 'starting'];

export function factsFromInspect(details: RawContainerDetails): InspectedFacts {
  const state = details.State ?? {};
  const health = state.Health?.Status;
  const started = state.StartedAt ? Date.parse(state.StartedAt) : NaN;
  return {
    restartCount: typeof details.RestartCount === 'number' ? details.RestartCount : 0,
    health: typeof health === 'string' && HEALTH.includes(health) ? (health as ContainerHealth) : 'none',
    // Docker reports 0001-01-01T00:00:00Z for a container that never started.
    startedAt: Number.isFinite(started) && started > 0 ? started : null,
    exitCode: typeof state.ExitCode === 'number' ? state.ExitCode : null,
    pid: typeof state.Pid === 'number' && Number.isInteger(state.Pid) && state.Pid > 0 ? state.Pid : null,
  };
}

/** Best effort from the list's Status text ("Up 3 minutes (unhealthy)", "Exited (3) 2 seconds ago") when inspect failed. */
export function factsFromSummary(summary: RawContainerSummary): InspectedFacts {
  const status = summary.Status ?? '';
  const health: ContainerHealth = /\(unhealthy\)/.test(status)
    ? 'unhealthy'
    : /\(healthy\)/.test(status)
      ? 'healthy'
      : /\(health: starting\)/.test(status)
        ? 'starting'
        : 'none';
  const exit = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status);
  return { restartCount: 0, health, startedAt: null, exitCode: exit ? Number(exit[1]) : null, pid: null };
}

const STATES: readonly string[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

export function containerState(summary: RawContainerSummary): ContainerState {
  const state = summary.State?.toLowerCase() ?? '';
  return STATES.includes(state) ? (state as ContainerState) : 'dead';
}

export interface ContainerInspectCacheOptions {
  clock: Clock;
  timeoutMs: number;
  concurrency: number;
}

/**
 * Inspect results per container, refreshed only when the list shows a change (its State or
 * Status text differs) or an event invalidated the entry: the always-on loop stays one list call.
 */
export class ContainerInspectCache {
  private readonly entries = new Map<string, { key: string; facts: InspectedFacts }>();
  private readonly stale = new Set<string>();
  /** Inspect calls made so far (for tests and diagnostics). */
  inspectCalls = 0;

  constructor(private readonly options: ContainerInspectCacheOptions) {}

  invalidate(id: string): void {
    this.stale.add(id);
  }

  clear(): void {
    this.entries.clear();
    this.stale.clear();
  }

  /** Facts for every listed container; inspect failures fall back to the list's Status text. */
  async factsFor(api: DockerApi, summaries: RawContainerSummary[], stop?: AbortSignal): Promise<Map<string, InspectedFacts>> {
    const listed = new Set(summaries.map((s) => s.Id));
    for (const id of [...this.entries.keys()]) if (!listed.has(id)) this.entries.delete(id);
    for (const id of [...this.stale]) if (!listed.has(id)) this.stale.delete(id);

    const changed = summaries.filter((s) => this.stale.has(s.Id) || this.entries.get(s.Id)?.key !== cacheKey(s));
    await forEachBounded(changed, this.options.concurrency, async (summary) => {
      this.stale.delete(summary.Id);
      this.inspectCalls++;
      try {
        const details = await callWithDeadline(this.options.clock, this.options.timeoutMs, 'inspecting a container', (signal) =>
          api.inspectContainer(summary.Id, signal),
          stop,
        );
        this.entries.set(summary.Id, { key: cacheKey(summary), facts: factsFromInspect(details) });
      } catch {
        // Gone between list and inspect, or slow: use what the list said, and try again next time.
        this.entries.delete(summary.Id);
      }
    });

    const facts = new Map<string, InspectedFacts>();
    for (const summary of summaries) facts.set(summary.Id, this.entries.get(summary.Id)?.facts ?? factsFromSummary(summary));
    return facts;
  }
}

function cacheKey(summary: RawContainerSummary): string {
  return `${summary.State ?? ''}\u0000${summary.Status ?? ''}`;
}
