import type { ChartData } from './alignSeries';

/**
 * How a series is drawn: a line (the default), a line with a dot at every point (sparse
 * measurements such as probes), rings without a line (marked events such as cold probes), or a
 * dashed line (a target).
 */
export type SeriesStyle = 'line' | 'dots' | 'rings' | 'dashed';

/** What a chart draws: the shape (recreating the chart when it changes) and the first data. */
export interface ChartSpec {
  width: number;
  height: number;
  series: Array<{ label: string; /** A CSS custom property naming the line's colour, e.g. `--chart-1`. */ colorVar: string; style?: SeriesStyle }>;
  /** The y range always shown (0–100 for percentages); the data may widen it. */
  domain?: [number, number];
  /** The time span always shown, whatever the data (a range picker's window); asked on every redraw. */
  timeSpan?: () => [number, number] | null;
  /** Formats y values on the axis and in the hover legend. */
  format: (value: number) => string;
  data: ChartData;
  /** Told what lies under the cursor as it moves over the chart, and null when it leaves. */
  onCursor?: (reading: CursorReading | null) => void;
}

/** The figures at the cursor: its time and each series' value there (null where the series has none). */
export interface CursorReading {
  t: number;
  values: Array<number | null>;
}

export interface ChartHandle {
  setData(data: ChartData): void;
  setSize(size: { width: number; height: number }): void;
  destroy(): void;
}

/** Draws a chart into `target`; null where this page cannot draw (no canvas, e.g. jsdom in tests). */
export type ChartFactory = (spec: ChartSpec, target: HTMLElement) => ChartHandle | null;

let canvasSupport: boolean | undefined;

/**
 * Whether a canvas chart can be drawn here: a 2D context and the media queries uPlot watches for
 * the pixel ratio. jsdom has neither, so component tests get the text summary only. Asked once.
 */
export function canDrawCanvas(): boolean {
  if (canvasSupport === undefined) {
    // matchMedia first: jsdom lacks it, and asking jsdom's canvas for a context logs "not implemented".
    canvasSupport =
      typeof window !== 'undefined' &&
      typeof window.matchMedia === 'function' &&
      document.createElement('canvas').getContext('2d') != null;
  }
  return canvasSupport;
}
