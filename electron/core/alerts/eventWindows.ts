import type { AlertCondition } from '../../../shared/types/alerts';
import type { OpsEvent } from '../../../shared/types/events';

export interface EventWindowSettings {
  restarts: number;
  windowMs: number;
}

interface ContainerEvents {
  group: string;
  label: string;
  lastDieAt: number | null;
  restarts: number[];
  ooms: number[];
}

/** A `container.restart` this soon after a counted die → start is the same restart (`docker restart` sends both). */
const SAME_RESTART_MS = 5_000;

/**
 * Restarts and OOM kills counted per container in a sliding window of Docker events (not
 * Docker's lifetime RestartCount): a restart is a `container.start` following a `container.die`
 * of the same container within the window, or a `container.restart`. Pure: times come from the events and `now`.
 */
export class EventWindows {
  private readonly containers = new Map<string, ContainerEvents>();
  /** When any `*.oom` event was last seen (GPU memory full + an OOM → emergency). */
  private lastOomAt: number | null = null;

  observe(event: OpsEvent, settings: EventWindowSettings): void {
    if (event.kind.endsWith('.oom')) this.lastOomAt = Math.max(this.lastOomAt ?? 0, event.at);
    if (event.source !== 'docker' || !event.kind.startsWith('container.')) return;
    const entry = this.entryFor(event);
    switch (event.kind) {
      case 'container.die':
        entry.lastDieAt = event.at;
        break;
      case 'container.start':
        if (entry.lastDieAt !== null && event.at - entry.lastDieAt <= settings.windowMs) entry.restarts.push(event.at);
        entry.lastDieAt = null;
        break;
      case 'container.restart': {
        const last = entry.restarts[entry.restarts.length - 1];
        if (last === undefined || event.at - last > SAME_RESTART_MS) entry.restarts.push(event.at);
        break;
      }
      case 'container.oom':
        entry.ooms.push(event.at);
        break;
      case 'container.destroy':
        this.containers.delete(event.subject);
        break;
    }
  }

  /** Whether an OOM event (any kind ending in `.oom`) was seen within the window before `now`. */
  oomSeenWithin(now: number, settings: EventWindowSettings): boolean {
    return this.lastOomAt !== null && now - this.lastOomAt <= settings.windowMs;
  }

  conditions(now: number, settings: EventWindowSettings): AlertCondition[] {
    const out: AlertCondition[] = [];
    const windowText = windowWords(settings.windowMs);
    for (const [name, entry] of this.containers) {
      const inWindow = (t: number) => now - t <= settings.windowMs;
      entry.restarts = entry.restarts.filter(inWindow);
      entry.ooms = entry.ooms.filter(inWindow);
      if (entry.lastDieAt !== null && !inWindow(entry.lastDieAt)) entry.lastDieAt = null;
      if (entry.restarts.length >= settings.restarts) {
        const count = entry.restarts.length;
        out.push({
          kind: 'container.restart_loop',
          subject: name,
          module: 'docker',
          label: entry.label,
          summary: `${name} restarted ${count} times in ${windowText}`,
          severity: 'critical',
          group: entry.group,
          count,
        });
      }
      if (entry.ooms.length > 0) {
        out.push({
          kind: 'container.oom',
          subject: name,
          module: 'docker',
          label: entry.label,
          summary: `${name} ran out of memory: the kernel killed a process in it (${entry.ooms.length} in ${windowText})`,
          severity: 'emergency',
          group: entry.group,
          count: entry.ooms.length,
        });
      }
      if (entry.restarts.length === 0 && entry.ooms.length === 0 && entry.lastDieAt === null) this.containers.delete(name);
    }
    return out;
  }

  private entryFor(event: OpsEvent): ContainerEvents {
    const project = event.attributes.project;
    let entry = this.containers.get(event.subject);
    if (!entry) {
      entry = { group: '', label: '', lastDieAt: null, restarts: [], ooms: [] };
      this.containers.set(event.subject, entry);
    }
    entry.group = `stack:${project ?? 'standalone'}`;
    entry.label = project ? `${event.subject} (stack ${project})` : `${event.subject} (standalone)`;
    return entry;
  }
}

/** 600000 → "10 min", 45000 → "45 s", 7200000 → "2 h". */
export function windowWords(ms: number): string {
  if (ms % 3_600_000 === 0 && ms >= 3_600_000) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}
