import type { HistoryPoint } from '../../../../shared/types/history';

/**
 * uPlot's data shape: one shared x array (ms) and one y array per series. `undefined` marks an
 * alignment hole (another series has a point there; uPlot draws across it), `null` a real gap.
 */
export type ChartData = [number[], ...Array<Array<number | null | undefined>>];

/** A pause longer than this many typical steps (Opsbar was not running) breaks the line. */
const GAP_FACTOR = 5;

function typicalStep(points: HistoryPoint[]): number | null {
  if (points.length < 3) return null;
  const steps = points
    .slice(1)
    .map((p, i) => p.t - points[i].t)
    .sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] || null;
}

/** Each series' averages, keyed by time, with a null just after every long pause. */
function withGaps(points: HistoryPoint[]): Map<number, number | null> {
  const step = typicalStep(points);
  const values = new Map<number, number | null>();
  points.forEach((p, i) => {
    const previous = points[i - 1];
    if (previous && step != null && p.t - previous.t > GAP_FACTOR * step) values.set(previous.t + step, null);
    values.set(p.t, p.avg);
  });
  return values;
}

/** Merges several history series onto one time axis, oldest first. */
export function alignSeries(series: HistoryPoint[][]): ChartData {
  const maps = series.map(withGaps);
  const times = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  return [times, ...maps.map((m) => times.map((t) => (m.has(t) ? m.get(t) : undefined)))];
}
