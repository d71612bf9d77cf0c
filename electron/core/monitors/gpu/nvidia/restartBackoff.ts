export interface BackoffOptions {
  /** First wait after an exit. Default 1 s. */
  initialMs: number;
  /** The wait doubles up to this. Default 60 s. */
  maxMs: number;
  /** A run that printed figures for this long was healthy: the next wait starts over. Default 60 s. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 60_000, resetAfterMs: 60_000 };

/**
 * How long to wait before starting nvidia-smi again: a tool that keeps failing is retried
 * ever less often (it costs a GPU wake-up each time), one that ran well is retried at once.
 */
export class RestartBackoff {
  private nextMs: number;

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {
    this.nextMs = options.initialMs;
  }

  /** The wait after a run that lasted `ranMs` and did (`healthy`) or did not print figures. */
  next(ranMs: number, healthy: boolean): number {
    if (healthy && ranMs >= this.options.resetAfterMs) this.nextMs = this.options.initialMs;
    const wait = this.nextMs;
    this.nextMs = Math.min(this.options.maxMs, this.nextMs * 2);
    return wait;
  }
}
