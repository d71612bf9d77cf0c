import type uPlot from 'uplot';
import type { ChartData } from './alignSeries';
import type { ChartFactory, ChartHandle, ChartSpec, CursorReading, SeriesStyle } from './chartFactory';
import { canDrawCanvas } from './chartFactory';

let library: Promise<typeof uPlot> | null = null;

/**
 * uPlot is loaded on the first chart, not with the app: it reads the pixel ratio and media
 * queries as soon as it is imported, which jsdom (the component tests) cannot answer, and pages
 * without a chart need not load it.
 */
export function loadUplot(): Promise<typeof uPlot> {
  library ??= import('uplot').then((module) => module.default);
  return library;
}

/** A custom property's value on `element` (canvas colours cannot read CSS variables themselves). */
export function cssColor(element: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/** What lies at data index `idx` (uPlot's cursor index), or null off the chart or between points. */
function readingAt(u: uPlot, idx: number | null | undefined): CursorReading | null {
  if (idx == null) return null;
  const t = u.data[0][idx];
  if (t == null) return null;
  return { t, values: u.data.slice(1).map((series) => series[idx] ?? null) };
}

/** The y axis's width: room for its longest label ("40 tok/s", "1.25 s"), else uPlot cuts it on the left. */
function axisWidth(_u: uPlot, values: string[] | null): number {
  const longest = Math.max(0, ...(values ?? []).map((value) => value.length));
  return Math.max(56, Math.ceil(longest * 7 + 18));
}

/** uPlot's drawing options for a series style (see `SeriesStyle`); a plain line needs none. */
function seriesStyle(style: SeriesStyle | undefined, color: string, background: string): Partial<uPlot.Series> {
  // Filled, so a ring (hollow) reads as a different mark.
  if (style === 'dots') return { points: { show: true, size: 7, fill: color } };
  // No path: only the marks, hollow and larger, so they stand out on a line of dots.
  if (style === 'rings') return { paths: () => null, points: { show: true, size: 11, width: 2, fill: background } };
  if (style === 'dashed') return { dash: [6, 4], points: { show: false } };
  return {};
}

function options(spec: ChartSpec, target: HTMLElement): uPlot.Options {
  const muted = cssColor(target, '--muted', '#5f6b76');
  const grid = cssColor(target, '--border', '#dde1e6');
  const axis: uPlot.Axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const { domain, format } = spec;
  // The cursor moves every pixel; the reading is told only when what it reads changes.
  let told: string | undefined;
  const tell = (u: uPlot) => {
    if (!spec.onCursor) return;
    const reading = readingAt(u, u.cursor.idx);
    const key = reading ? `${reading.t}:${reading.values.join()}` : '';
    if (key === told) return;
    told = key;
    spec.onCursor(reading);
  };
  return {
    width: spec.width,
    height: spec.height,
    // Timestamps are milliseconds, as the history store keeps them.
    ms: 1,
    scales: {
      x: spec.timeSpan ? { time: true, range: (_u, min, max) => spec.timeSpan?.() ?? [min, max] } : { time: true },
      y: domain ? { range: (_u, min, max) => [Math.min(domain[0], min ?? domain[0]), Math.max(domain[1], max ?? domain[1])] } : {},
    },
    axes: [axis, { ...axis, size: axisWidth, values: (_u, splits) => splits.map((v) => format(v)) }],
    series: [
      {},
      ...spec.series.map((s, i) => {
        const stroke = cssColor(target, s.colorVar, i === 0 ? '#2f6fb3' : '#8e5bb5');
        return {
          label: s.label,
          stroke,
          width: 1.5,
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : format(v)),
          ...seriesStyle(s.style, stroke, cssColor(target, '--surface', '#ffffff')),
        };
      }),
    ],
    // One legend: the chart's text summary beneath it (and the reading at the cursor there),
    // not uPlot's own row as well, which reads "Time: -- Memory: —" until hovered.
    legend: { show: false },
    cursor: { drag: { x: true, y: false } },
    hooks: { setCursor: [tell] },
  };
}

/** A plot drawn once uPlot has loaded: until then the handle keeps the latest data and size. */
export interface LazyPlot<Data> {
  setData(data: Data): void;
  setSize(size: { width: number; height: number }): void;
  destroy(): void;
}

/**
 * Loads uPlot (once), then `build`s the plot with the latest data and size; `aligned` turns the
 * caller's data into uPlot's columns. A build that answers null draws nothing (the text stays).
 */
export function lazyPlot<Data>(
  initial: { data: Data; width: number; height: number },
  aligned: (data: Data) => uPlot.AlignedData,
  build: (UPlot: typeof uPlot, data: uPlot.AlignedData, size: { width: number; height: number }) => uPlot | null,
): LazyPlot<Data> {
  let plot: uPlot | null = null;
  let destroyed = false;
  let data = initial.data;
  let size = { width: initial.width, height: initial.height };
  loadUplot().then(
    (UPlot) => {
      if (!destroyed) plot = build(UPlot, aligned(data), size);
    },
    (error: unknown) => {
      // The figures stay readable in the chart's text summary.
      console.error('Opsbar could not load its chart library', error);
    },
  );
  return {
    setData: (next) => {
      data = next;
      plot?.setData(aligned(next));
    },
    setSize: (next) => {
      size = next;
      plot?.setSize(next);
    },
    destroy: () => {
      destroyed = true;
      plot?.destroy();
      plot = null;
    },
  };
}

/** The app's chart factory: uPlot on a canvas, where the page can draw one. */
export const createUplotChart: ChartFactory = (spec, target): ChartHandle | null => {
  if (!canDrawCanvas()) return null;
  return lazyPlot<ChartData>(spec, (data) => data, (UPlot, data, size) => new UPlot(options({ ...spec, ...size }, target), data, target));
};
