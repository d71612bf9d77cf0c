/**
 * One queue per endpoint, run one job at a time per endpoint (two probes at once would each
 * measure half a server), and at most `maxRunning` jobs at once across endpoints (each probe
 * costs a streamed generation's worth of sockets and timers). Endpoints take turns in the order
 * their oldest job was queued.
 */
export interface QueuedJob {
  endpoint: string;
  model: string;
}

export class EndpointQueues<J extends QueuedJob> {
  private readonly waiting = new Map<string, { job: J; seq: number }[]>();
  private readonly runningJobs = new Map<string, J>();
  private seq = 0;

  constructor(
    private readonly maxRunning: number,
    private readonly run: (job: J) => Promise<void>,
    /** After a job ended and its endpoint is free again (the next due probe may be queued). */
    private readonly afterEach: (job: J) => void = () => undefined,
  ) {}

  enqueue(job: J): void {
    const list = this.waiting.get(job.endpoint) ?? [];
    list.push({ job, seq: this.seq++ });
    this.waiting.set(job.endpoint, list);
    this.pump();
  }

  running(endpoint: string): J | null {
    return this.runningJobs.get(endpoint) ?? null;
  }

  /** The job for this (endpoint, model) that is running or waiting, if any. */
  find(endpoint: string, model: string): { job: J; state: 'running' | 'queued' } | null {
    const running = this.runningJobs.get(endpoint);
    if (running?.model === model) return { job: running, state: 'running' };
    const queued = this.waiting.get(endpoint)?.find((entry) => entry.job.model === model);
    return queued ? { job: queued.job, state: 'queued' } : null;
  }

  /** Removes every job not yet started and returns them (shutdown). */
  drain(): J[] {
    const jobs = [...this.waiting.values()].flat().sort((a, b) => a.seq - b.seq).map((entry) => entry.job);
    this.waiting.clear();
    return jobs;
  }

  private pump(): void {
    while (this.runningJobs.size < this.maxRunning) {
      const next = this.nextFree();
      if (!next) return;
      const list = this.waiting.get(next)!;
      const { job } = list.shift()!;
      if (list.length === 0) this.waiting.delete(next);
      this.runningJobs.set(next, job);
      void this.run(job)
        .catch(() => undefined)
        .finally(() => {
          this.runningJobs.delete(next);
          this.pump();
          this.afterEach(job);
        });
    }
  }

  /** The endpoint with nothing running whose oldest waiting job was queued first. */
  private nextFree(): string | null {
    let best: { endpoint: string; seq: number } | null = null;
    for (const [endpoint, list] of this.waiting) {
      if (this.runningJobs.has(endpoint) || list.length === 0) continue;
      if (!best || list[0].seq < best.seq) best = { endpoint, seq: list[0].seq };
    }
    return best?.endpoint ?? null;
  }
}
