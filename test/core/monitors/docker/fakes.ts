// Test doubles for the Docker collector: a clock driven by hand and an in-memory Engine API.
import { PassThrough } from 'node:stream';
import type { Clock } from '../../../../electron/core/clock';
import type { DockerApi, RawContainerDetails, RawContainerSummary } from '../../../../electron/core/monitors/docker/dockerApi';

export class ManualClock implements Clock {
  private timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  constructor(public time = 1_000_000) {}
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number) {
    const timer = { at: this.time + ms, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = due.at;
      due.cancelled = true;
      due.fn();
    }
    this.time = until;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }
  pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}

export class FakeDockerApi implements DockerApi {
  containers: RawContainerSummary[] = [];
  details = new Map<string, RawContainerDetails>();
  stats = new Map<string, unknown>();
  /** When set, every call fails with it (the engine went away). */
  failWith: Error | null = null;
  calls = { list: 0, inspect: 0, stats: 0, events: 0 };
  statsInFlight = 0;
  maxStatsInFlight = 0;
  streams: PassThrough[] = [];

  private check(): void {
    if (this.failWith) throw this.failWith;
  }
  async version() {
    this.check();
    return { Version: '99.0-fake' };
  }
  async listContainers() {
    this.calls.list++;
    this.check();
    return this.containers.map((c) => ({ ...c }));
  }
  async inspectContainer(id: string) {
    this.calls.inspect++;
    this.check();
    const d = this.details.get(id);
    if (!d) throw Object.assign(new Error('no such container'), { statusCode: 404 });
    return d;
  }
  async containerStats(id: string) {
    this.calls.stats++;
    this.check();
    this.statsInFlight++;
    this.maxStatsInFlight = Math.max(this.maxStatsInFlight, this.statsInFlight);
    await new Promise((r) => setImmediate(r));
    this.statsInFlight--;
    const s = this.stats.get(id);
    if (s instanceof Error) throw s;
    return s ?? {};
  }
  async containerEvents() {
    this.calls.events++;
    this.check();
    const stream = new PassThrough();
    this.streams.push(stream);
    return stream;
  }
}

export function connRefused(path = '/var/run/docker.sock'): Error {
  return Object.assign(new Error(`connect ECONNREFUSED ${path}`), { code: 'ECONNREFUSED' });
}

/** Lets pending promise callbacks run. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setImmediate(r));
}
