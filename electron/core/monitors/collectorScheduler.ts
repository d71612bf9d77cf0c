import type { NewOpsEvent } from '../../../shared/types/events';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Collector, CollectorOutput } from './collector';

export interface CollectorResult {
  collectorId: string;
  at: number;
  output: CollectorOutput<unknown> | null;
  error: string | null;
}

export interface SchedulerSinks {
  onResult(result: CollectorResult): void;
  onEvent(event: NewOpsEvent): void;
}

/** How soon a requested collection runs: coalesces a burst of Docker events into one re-list. */
const REQUEST_COALESCE_MS = 100;

/**
 * Runs each collector on its own interval: never two collections of one collector at once,
 * a request during a collection queues exactly one more, and a failure is a result, not a crash.
 */
class CollectorLoop {
  private running = false;
  private pendingRequest = false;
  private stopped = false;
  private timer: { cancel(): void } | null = null;
  private firstResult: Promise<void>;
  private resolveFirst!: () => void;

  constructor(
    private readonly collector: Collector,
    private readonly clock: Clock,
    private readonly sinks: SchedulerSinks,
    private readonly log: Logger,
  ) {
    this.firstResult = new Promise((resolve) => (this.resolveFirst = resolve));
  }

  async start(): Promise<void> {
    try {
      await this.collector.start?.({
        emitEvent: (event) => this.sinks.onEvent(event),
        requestCollect: () => this.request(),
      });
    } catch (error) {
      this.log.warn(`${this.collector.id} collector could not start its live sources: ${(error as Error).message}`);
    }
    void this.runOnce();
  }

  whenFirstResult(): Promise<void> {
    return this.firstResult;
  }

  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pendingRequest = true;
      return;
    }
    this.schedule(REQUEST_COALESCE_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    try {
      await this.collector.stop?.();
    } catch (error) {
      this.log.warn(`${this.collector.id} collector did not stop cleanly: ${(error as Error).message}`);
    }
  }

  private schedule(ms: number): void {
    this.timer?.cancel();
    this.timer = this.clock.setTimeout(() => void this.runOnce(), ms);
  }

  private async runOnce(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    this.timer?.cancel();
    let result: CollectorResult;
    try {
      const output = await this.collector.collect();
      result = { collectorId: this.collector.id, at: this.clock.now(), output, error: null };
    } catch (error) {
      result = { collectorId: this.collector.id, at: this.clock.now(), output: null, error: (error as Error).message || String(error) };
    }
    this.running = false;
    if (this.stopped) return;
    try {
      this.sinks.onResult(result);
    } catch (error) {
      this.log.error(`handling ${this.collector.id} result failed: ${(error as Error).stack ?? error}`);
    }
    this.resolveFirst();
    if (this.pendingRequest) {
      this.pendingRequest = false;
      this.schedule(REQUEST_COALESCE_MS);
    } else {
      this.schedule(this.collector.intervalMs);
    }
  }
}

export class CollectorScheduler {
  private loops: CollectorLoop[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly sinks: SchedulerSinks,
    private readonly log: Logger,
  ) {}

  /** Starts every collector; resolves when each has produced its first result (or failed). */
  async start(collectors: Collector[]): Promise<void> {
    this.loops = collectors.map((c) => new CollectorLoop(c, this.clock, this.sinks, this.log));
    await Promise.all(this.loops.map((loop) => loop.start()));
    await Promise.all(this.loops.map((loop) => loop.whenFirstResult()));
  }

  async stop(): Promise<void> {
    const loops = this.loops;
    this.loops = [];
    await Promise.all(loops.map((loop) => loop.stop()));
  }
}
