/**
 * The http module's collector: each check runs on its own `intervalMs` (by the injected clock),
 * never two attempts of one check at once, and counts its failures in a row. A collect starts
 * the checks that are due and returns when they answered — the first collect waits for all (a
 * one-shot status has every answer), later ones at most one tick, so a check that hangs until its
 * timeout does not hold back the others; its answer asks for a collection when it comes.
 * Counts carry over from the module's last snapshot when the collector is rebuilt (a check added).
 */
import type { HttpCheckSettings } from '../../../../shared/config/httpSettingsSchema';
import type { HttpCheckView, HttpSnapshot } from '../../../../shared/types/http';
import type { Clock } from '../../clock';
import type { Collector, CollectorHooks, CollectorOutput, Sample } from '../collector';
import { judgeView, unattemptedView } from './httpChecks';
import { probeHttp, type HttpProbeRequest, type HttpProbeResult } from './httpProbe';
import { redactSecretsOf } from './httpUrlRedaction';

export type HttpProbe = (request: HttpProbeRequest, signal: AbortSignal) => Promise<HttpProbeResult>;

export interface HttpCollectorOptions {
  checks: readonly HttpCheckSettings[];
  clock: Clock;
  /** The module's latest snapshot (null before one): failures in a row carry over. */
  previous: HttpSnapshot | null;
  probe?: HttpProbe;
}

interface CheckState {
  settings: HttpCheckSettings;
  view: HttpCheckView;
  nextDueAt: number;
  inFlight: Promise<void> | null;
  /** The attempt in flight has been recorded (its view is current). */
  recorded: boolean;
  /** The collect that started it stopped waiting before it was recorded: its answer asks for another. */
  late: boolean;
}

/** Collections run at the greatest common divisor of the intervals, at least every second. */
export function tickOf(intervals: readonly number[]): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const tick = intervals.reduce((acc, ms) => gcd(acc, ms), intervals[0] ?? 30_000);
  return Math.max(1_000, tick);
}

export class HttpCollector implements Collector<HttpSnapshot> {
  readonly id = 'http';
  readonly intervalMs: number;
  private readonly states: CheckState[];
  private readonly probe: HttpProbe;
  private readonly aborter = new AbortController();
  private samples: Sample[] = [];
  private hooks: CollectorHooks | null = null;
  private first = true;

  constructor(private readonly options: HttpCollectorOptions) {
    this.intervalMs = tickOf(options.checks.map((c) => c.intervalMs));
    this.probe = options.probe ?? ((request, signal) => probeHttp(request, { signal }));
    this.states = options.checks.map((settings) => ({ settings, view: carriedOver(settings, options.previous), nextDueAt: 0, inFlight: null, recorded: true, late: false }));
  }

  start(hooks: CollectorHooks): void {
    this.hooks = hooks;
  }

  stop(): void {
    this.hooks = null;
    this.aborter.abort();
  }

  async collect(): Promise<CollectorOutput<HttpSnapshot>> {
    const now = this.options.clock.now();
    const due = this.states.filter((s) => !s.inFlight && now >= s.nextDueAt);
    const runs = Promise.all(due.map((s) => this.run(s)));
    if (this.first) await runs;
    else await this.atMost(runs, this.intervalMs);
    this.first = false;
    for (const s of due) if (!s.recorded) s.late = true;
    const samples = this.samples;
    this.samples = [];
    return { snapshot: { at: this.options.clock.now(), checks: this.states.map((s) => s.view) }, samples };
  }

  private run(state: CheckState): Promise<void> {
    const { settings } = state;
    state.nextDueAt = this.options.clock.now() + settings.intervalMs;
    state.late = false;
    state.recorded = false;
    const request: HttpProbeRequest = { url: settings.url, expectStatus: settings.expectStatus, timeoutMs: settings.timeoutMs, ...(settings.expectBody ? { expectBody: settings.expectBody } : {}) };
    state.inFlight = this.probe(request, this.aborter.signal)
      .then((result) => this.record(state, result))
      .catch((error: unknown) => this.record(state, { outcome: 'unreachable', status: null, latencyMs: null, detail: (error as Error).message, bodyStart: null, location: null, bodyBytesRead: 0 }))
      .finally(() => {
        state.inFlight = null;
        if (state.late) this.hooks?.requestCollect();
      });
    return state.inFlight;
  }

  private record(state: CheckState, result: HttpProbeResult): void {
    state.recorded = true;
    if (this.aborter.signal.aborted) return;
    const at = this.options.clock.now();
    const { settings, view: before } = state;
    const failures = result.outcome === 'up' ? 0 : before.consecutiveFailures + 1;
    const redact = (text: string) => redactSecretsOf(settings.url, text);
    const after = judgeView({
      ...before,
      last: {
        at,
        outcome: result.outcome,
        status: result.status,
        latencyMs: result.latencyMs === null ? null : Math.round(result.latencyMs * 10) / 10,
        detail: redact(result.detail),
        bodyStart: result.bodyStart === null ? null : redact(result.bodyStart),
      },
      consecutiveFailures: failures,
    });
    state.view = { ...after, since: before.last === null || before.down !== after.down ? at : before.since };
    if (result.latencyMs !== null) this.samples.push({ series: `http.latencyMs:${settings.name}`, ts: at, value: result.latencyMs });
    this.samples.push({ series: `http.up:${settings.name}`, ts: at, value: result.outcome === 'up' ? 1 : 0 });
  }

  /** Waits for `work`, at most `ms` by the clock. */
  private atMost(work: Promise<unknown>, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = this.options.clock.setTimeout(resolve, ms);
      void work.then(() => {
        timer.cancel();
        resolve();
      });
    });
  }
}

/** A check's view: the previous snapshot's (same name, URL and expected status) or a fresh one. */
function carriedOver(settings: HttpCheckSettings, previous: HttpSnapshot | null): HttpCheckView {
  const fresh = unattemptedView(settings);
  const old = previous?.checks.find((v) => v.name === fresh.name && v.url === fresh.url && v.expectStatus === fresh.expectStatus);
  if (!old) return fresh;
  return judgeView({ ...fresh, last: old.last, consecutiveFailures: old.consecutiveFailures, since: old.since });
}
