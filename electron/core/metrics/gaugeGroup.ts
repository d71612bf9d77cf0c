import { Gauge, type Registry } from 'prom-client';

export interface GaugeSpec {
  help: string;
  labels?: readonly string[];
}

/** A set of gauges on a private registry that are cleared and refilled on every scrape (no timers). */
export class GaugeGroup<Name extends string> {
  private readonly gauges: Record<Name, Gauge<string>>;
  private readonly unlabelled: Gauge<string>[] = [];

  constructor(registry: Registry, specs: Record<Name, GaugeSpec>) {
    this.gauges = {} as Record<Name, Gauge<string>>;
    for (const [name, spec] of Object.entries(specs) as [Name, GaugeSpec][]) {
      this.gauges[name] = new Gauge({ name, help: spec.help, labelNames: [...(spec.labels ?? [])], registers: [registry] });
      if (!spec.labels?.length) this.unlabelled.push(this.gauges[name]);
    }
  }

  /** Drops last scrape's series: a container that went away must not linger. */
  reset(): void {
    for (const gauge of Object.values(this.gauges) as Gauge<string>[]) gauge.reset();
    // prom-client resets an unlabelled gauge to 0; an unmeasured figure must have no series instead.
    for (const gauge of this.unlabelled) gauge.remove({});
  }

  /** Sets a series; a figure that is not reported (null, NaN) writes no series, never 0. */
  set(name: Name, value: number | null | undefined, labels: Record<string, string | number> = {}): void {
    if (value === null || value === undefined || !Number.isFinite(value)) return;
    this.gauges[name].set(labels, value);
  }

  /** Adds to a labelled count (containers per stack and state). */
  inc(name: Name, labels: Record<string, string | number>, by = 1): void {
    this.gauges[name].inc(labels, by);
  }
}
