/** @jsxRuntime automatic */
import type { HistoryPoint } from '../../../shared/types/history';
import { formatClock } from '../format';

interface SparklineProps {
  points: HistoryPoint[];
  label: string;
  format: (value: number) => string;
  height?: number;
  /** Fixed vertical range (e.g. 0–100 for percentages); otherwise the data's own range. */
  domain?: [number, number];
}

/** Drawing units across; the SVG stretches to its box, strokes keep their width. */
const WIDTH = 200;

/**
 * A tiny SVG line of averages over a band of per-bucket min/max. The title (and the accessible
 * name) tells min, max and latest; hovering shows min and max beside the line.
 */
export function Sparkline({ points, label, format, height = 32, domain }: SparklineProps) {
  const width = WIDTH;
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
      <svg className="sparkline-svg" height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={summary}>
        <title>{summary}</title>
        <polygon className="sparkline-band" points={band} />
        <polyline className="sparkline-line" points={line} fill="none" vectorEffect="non-scaling-stroke" />
      </svg>
      <span className="sparkline-range" aria-hidden="true">
        min {format(min)} · max {format(max)}
      </span>
    </span>
  );
}
