import type { Clock } from '../clock';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Runs `work` and settles within `ms`: its value, its error in words, or "no answer in N s".
 * Never rejects. The deadline timer is cancelled as soon as the work settles (and the system
 * clock's timers are unref'd), so a hung call neither blocks the caller nor keeps the process
 * alive; a late answer or error after the deadline is dropped.
 */
export function settleWithin<T>(work: () => Promise<T>, ms: number, clock: Clock): Promise<Settled<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Settled<T>) => {
      if (settled) return;
      settled = true;
      timer.cancel();
      resolve(outcome);
    };
    const timer = clock.setTimeout(() => finish({ ok: false, error: `no answer in ${Number((ms / 1000).toFixed(1))} s` }), ms);
    let running: Promise<T>;
    try {
      running = Promise.resolve(work());
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (value) => finish({ ok: true, value }),
      (error: unknown) => finish({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
