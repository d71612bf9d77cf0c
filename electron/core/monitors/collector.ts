import type { NewOpsEvent } from '../../../shared/types/events';

/** One numeric sample of a history series. */
export interface Sample {
  /** e.g. `cpu.percent`, `disk.usedPercent:/`, `container.cpuPercent:stack/name`. */
  series: string;
  ts: number;
  value: number;
}

export interface CollectorOutput<Snapshot> {
  snapshot: Snapshot;
  samples: Sample[];
}

/** What a running collector may do besides returning samples. */
export interface CollectorHooks {
  /** Record and broadcast something that happened (a container died…). */
  emitEvent(event: NewOpsEvent): void;
  /** Ask the scheduler for a collection now (e.g. after a Docker event), coalesced with any in flight. */
  requestCollect(): void;
}

/**
 * A monitor plug-in. `collect()` returns the current snapshot and samples, or throws an
 * Error whose message tells the operator what is wrong. Long-lived sources (event streams)
 * are opened in `start` and closed in `stop`.
 */
export interface Collector<Snapshot = unknown> {
  readonly id: string;
  readonly intervalMs: number;
  start?(hooks: CollectorHooks): void | Promise<void>;
  collect(): Promise<CollectorOutput<Snapshot>>;
  stop?(): void | Promise<void>;
}
