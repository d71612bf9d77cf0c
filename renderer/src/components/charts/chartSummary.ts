import type { HistoryPoint } from '../../../../shared/types/history';

export interface SeriesFigures {
  min: number;
  max: number;
  latest: number;
}

/** The lowest minimum, highest maximum and latest average of a series; null without points. */
export function seriesFigures(points: HistoryPoint[]): SeriesFigures | null {
  if (points.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  let latest = points[0];
  for (const p of points) {
    min = Math.min(min, p.min);
    max = Math.max(max, p.max);
    if (p.t >= latest.t) latest = p;
  }
  return { min, max, latest: latest.avg };
}

/** "Memory: min 9%, max 52%, latest 30%" (or "Memory: no data"): the chart in words, for screen readers and tests. */
export function describeSeries(label: string, points: HistoryPoint[], format: (value: number) => string): string {
  const figures = seriesFigures(points);
  if (!figures) return `${label}: no data`;
  return `${label}: min ${format(figures.min)}, max ${format(figures.max)}, latest ${format(figures.latest)}`;
}
