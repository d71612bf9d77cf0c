import type { Clock } from '../../electron/core/clock';

/**
 * The clock tests move by hand. Time stands still until `advance` (timers fire in order, each at
 * its own time, with promises settling between them) or `jump` (nothing fires until the next
 * `advance`, as after a machine's sleep).
 */
export class TestClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(private current = 1_700_000_000_000) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const id = this.nextId++;
    this.timers.push({ at: this.current + ms, fn, id });
    return { cancel: () => (this.timers = this.timers.filter((t) => t.id !== id)) };
  }

  /**
   * Moves time forward by `ms`, firing every timer that comes due on the way, the earliest first
   * (ties in the order they were set), timers those set included. After each one the promises
   * it started settle, so the code under test sees each moment as it would for real.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.fn();
      await flushPromises();
    }
    this.current = target;
    await flushPromises();
  }

  /** Moves time forward without firing anything: the timers that came due fire late, at the next `advance`. */
  jump(ms: number): void {
    this.current += ms;
  }

  /** Timers set and neither fired nor cancelled. */
  get pendingTimers(): number {
    return this.timers.length;
  }
}

/** Lets the promise callbacks (and the I/O callbacks they wait on in-process) run: a few event-loop turns. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
