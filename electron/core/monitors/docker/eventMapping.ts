import type { EventSeverity, NewOpsEvent } from '../../../../shared/types/events';
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL } from './stackGrouping';

/** A container event worth acting on: maybe an OpsEvent, and whether the container's state changed. */
export interface MappedDockerEvent {
  containerId: string | null;
  /** Null for events that change state but are not worth recording (create, pause…). */
  opsEvent: NewOpsEvent | null;
  /** Whether a fresh snapshot is needed (false for exec_* from healthchecks, attach, resize…). */
  stateChanged: boolean;
}

/** Actions that change what a snapshot shows without being recorded as events. */
const QUIET_STATE_ACTIONS = new Set(['create', 'pause', 'unpause', 'rename', 'update']);

/** The engine's own time is kept as an attribute when it differs from ours by more than this. */
const ENGINE_SKEW_NOTED_MS = 1000;

/** A kill followed by a non-zero die within this window is an operator stop, not a crash. */
const KILL_WINDOW_MS = 30_000;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Maps Docker `/events` messages (type container) to OpsEvents. Keeps one piece of memory:
 * recent kills, so `docker stop` (kill → die 143/137) reads as a warning rather than a crash.
 */
export class DockerEventMapper {
  private readonly recentKills = new Map<string, number>();

  map(message: Record<string, unknown>, receivedAt: number): MappedDockerEvent | null {
    const type = text(message.Type) ?? text(message.type);
    if (type !== undefined && type !== 'container') return null;
    const action = text(message.Action) ?? text(message.status);
    if (!action) return null;
    const actor = (message.Actor ?? {}) as { ID?: unknown; Attributes?: unknown };
    const containerId = text(actor.ID) ?? text(message.id) ?? null;
    const attrs = (actor.Attributes && typeof actor.Attributes === 'object' ? actor.Attributes : {}) as Record<string, unknown>;
    // One clock: an engine whose clock runs ahead (a VM, Docker Desktop) must not date an event in the future.
    const engineTime = eventTime(message);
    const at = engineTime === undefined ? receivedAt : Math.min(engineTime, receivedAt);

    const name = text(attrs.name) ?? (containerId ? containerId.slice(0, 12) : 'unknown container');
    const attributes: Record<string, string> = {};
    const put = (key: string, value: unknown) => {
      if (typeof value === 'string' && value !== '') attributes[key] = value;
    };
    put('containerId', containerId ?? undefined);
    put('image', attrs.image);
    put('project', attrs[COMPOSE_PROJECT_LABEL]);
    put('service', attrs[COMPOSE_SERVICE_LABEL]);
    put('exitCode', attrs.exitCode);
    put('signal', attrs.signal);
    if (engineTime !== undefined && Math.abs(engineTime - receivedAt) > ENGINE_SKEW_NOTED_MS) attributes.engineTime = new Date(engineTime).toISOString();

    const event = (kind: string, severity: EventSeverity, message: string): MappedDockerEvent => ({
      containerId,
      stateChanged: true,
      opsEvent: { at, source: 'docker', kind, severity, subject: name, message, attributes },
    });

    if (action.startsWith('health_status')) {
      const health = action.slice('health_status'.length).replace(/^:\s*/, '').trim();
      put('health', health);
      if (health === 'unhealthy') {
        return event(
          'container.health_status',
          'critical',
          `${name} is unhealthy. Docker does not restart an unhealthy container by itself: restart policies act only when it exits.`,
        );
      }
      if (health === 'healthy') return event('container.health_status', 'info', `${name} is healthy.`);
      return { containerId, opsEvent: null, stateChanged: true };
    }

    switch (action) {
      case 'start':
        return event('container.start', 'info', `${name} started.`);
      case 'die':
        return this.mapDie(event, name, containerId, attrs, at);
      case 'oom':
        return event('container.oom', 'critical', `${name} ran out of memory: the kernel killed a process in it.`);
      case 'restart':
        return event('container.restart', 'warning', `${name} was restarted.`);
      case 'kill':
        if (containerId) this.rememberKill(containerId, at);
        return { ...event('container.kill', 'info', `${name} was sent signal ${text(attrs.signal) ?? '?'}.`), stateChanged: false };
      case 'stop':
        return event('container.stop', 'info', `${name} was stopped.`);
      case 'destroy':
        if (containerId) this.recentKills.delete(containerId);
        return event('container.destroy', 'info', `${name} was removed.`);
      default:
        return QUIET_STATE_ACTIONS.has(action) ? { containerId, opsEvent: null, stateChanged: true } : null;
    }
  }

  private mapDie(
    event: (kind: string, severity: EventSeverity, message: string) => MappedDockerEvent,
    name: string,
    containerId: string | null,
    attrs: Record<string, unknown>,
    at: number,
  ): MappedDockerEvent {
    const exitCode = Number.parseInt(text(attrs.exitCode) ?? '', 10);
    const killedAt = containerId ? this.recentKills.get(containerId) : undefined;
    if (containerId) this.recentKills.delete(containerId);
    if (Number.isNaN(exitCode)) return event('container.die', 'warning', `${name} stopped (exit code unknown).`);
    if (exitCode === 0) return event('container.die', 'info', `${name} exited with code 0.`);
    if (killedAt !== undefined && at - killedAt <= KILL_WINDOW_MS) {
      return event('container.die', 'warning', `${name} exited with code ${exitCode} after being sent a signal.`);
    }
    return event('container.die', 'critical', `${name} exited with code ${exitCode}.`);
  }

  private rememberKill(containerId: string, at: number): void {
    this.recentKills.set(containerId, at);
    // Bounded memory: forget kills that can no longer matter.
    for (const [id, when] of this.recentKills) if (at - when > KILL_WINDOW_MS) this.recentKills.delete(id);
  }
}

function eventTime(message: Record<string, unknown>): number | undefined {
  if (typeof message.timeNano === 'number' && message.timeNano > 0) return Math.round(message.timeNano / 1e6); // a double: ~100 ns off, fine for ms
  if (typeof message.time === 'number' && message.time > 0) return message.time * 1000;
  return undefined;
}
