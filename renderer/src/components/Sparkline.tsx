/** @jsxRuntime automatic */
import type { HistoryPoint } from '../../../shared/types/history';
import { formatClock } from '../format';

interface SparklineProps {
  points: HistoryPoint[];
  label: string;
  format: (value: number) => string;
  width?: number;
  height?: number;
  /** Fixed vertical range (e.g. 0–100 for percentages); otherwise the data's own range. */
  domain?: [number, number];
}

/** A tiny SVG line of averages over a band of per-bucket min/max; the title tells min, max and latest. */
export function Sparkline({ points, label, format, width = 160, height = 32, domain }: SparklineProps) {
  if (points.length < 2) {
    return (
      <span className="sparkline sparkline-empty" title={`${label}: not enough history yet`}>
        no history yet
      </span>
    );
  }
  const min = Math.min(...points.map((p) => p.min));
  const max = Math.max(...points.map((p) => p.max));
  const latest = points[points.length - 1];
  const lo = domain ? Math.min(domain[0], min) : min;
  const hi = domain ? Math.max(domain[1], max) : max;
  const span = hi - lo || 1;
  const t0 = points[0].t;
  const tSpan = latest.t - t0 || 1;
  const x = (t: number) => ((t - t0) / tSpan) * (width - 2) + 1;
  const y = (v: number) => height - 1 - ((v - lo) / span) * (height - 2);
  const line = points.map((p) => `${x(p.t).toFixed(1)},${y(p.avg).toFixed(1)}`).join(' ');
  const band = [
    ...points.map((p) => `${x(p.t).toFixed(1)},${y(p.max).toFixed(1)}`),
    ...[...points].reverse().map((p) => `${x(p.t).toFixed(1)},${y(p.min).toFixed(1)}`),
  ].join(' ');
  const summary = `${label}: min ${format(min)}, max ${format(max)}, latest ${format(latest.avg)} (${formatClock(t0)}–${formatClock(latest.t)})`;

  return (
    <span className="sparkline" title={summary}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <title>{summary}</title>
        <polygon className="sparkline-band" points={band} />
        <polyline className="sparkline-line" points={line} fill="none" />
      </svg>
      <span className="sparkline-range" aria-hidden="true">
        <span>max {format(max)}</span>
        <span>min {format(min)}</span>
      </span>
    </span>
  );
}
