/** @jsxRuntime automatic */
// Charts are drawn with uPlot: about 50 KB, it draws on a canvas and stays fast with thousands of
// points per series, where Chart.js, ECharts or Recharts would cost several times the bundle (and
// SVG-per-point libraries slow down) for features an operator's time series do not need.
import { useEffect, useRef, useState } from 'react';
import type { HistoryPoint } from '../../../../shared/types/history';
import { alignSeries } from './alignSeries';
import { formatClock, UNKNOWN } from '../../format';
import type { ChartFactory, ChartHandle, CursorReading, SeriesStyle } from './chartFactory';
import { describeSeries } from './chartSummary';
import { createUplotChart } from './uplotChart';

export interface ChartSeries {
  label: string;
  points: HistoryPoint[];
  /** A CSS custom property for the line's colour; `--chart-<n>` by position otherwise. */
  colorVar?: string;
  /** How it is drawn (a line by default); the legend's swatch shows the same. */
  style?: SeriesStyle;
  /** The series in words instead of its min, max and latest (e.g. "Target 30 tok/s"). */
  summary?: string;
}

interface TimeSeriesChartProps {
  /** What the chart shows, e.g. "GPU 0, last hour": its accessible name. */
  title: string;
  series: ChartSeries[];
  format: (value: number) => string;
  height?: number;
  /** A y range always shown (0–100 for percentages); the data may widen it. */
  domain?: [number, number];
  /** The time span shown (ms), e.g. the range picked, however far the points reach; the points' span otherwise. */
  timeSpan?: [number, number];
  /** Shown instead of the chart while no series has a point. */
  emptyText: string;
  /** Draws the chart; tests inject a fake (jsdom has no canvas). */
  createChart?: ChartFactory;
}

const FALLBACK_WIDTH = 600;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The cursor's time: "09:41:07" today, "Nov 24 09:41:07" on another day (the 24 h and 7 d ranges). */
export function formatReadingTime(t: number, now: number = Date.now()): string {
  const at = new Date(t);
  const today = new Date(now);
  const sameDay = at.getFullYear() === today.getFullYear() && at.getMonth() === today.getMonth() && at.getDate() === today.getDate();
  return sameDay ? formatClock(t) : `${MONTHS[at.getMonth()]} ${at.getDate()} ${formatClock(t)}`;
}

/** "09:41:07 · Memory 51% · Utilisation 87%": the figures under the cursor, in words. */
export function describeReading(reading: CursorReading, labels: string[], format: (value: number) => string): string {
  const values = labels.map((label, i) => {
    const value = reading.values[i];
    return `${label} ${value == null ? UNKNOWN : format(value)}`;
  });
  return [formatReadingTime(reading.t), ...values].join(' · ');
}

/** A line's swatch is filled with its colour; a ring's or a dash's is drawn in it (see models.css). */
function swatchColor(style: SeriesStyle | undefined, colorVar: string) {
  return style === 'rings' || style === 'dashed' ? { color: `var(${colorVar})` } : { background: `var(${colorVar})` };
}

/**
 * Lines over time on a canvas (uPlot), with the same figures in words beside it: min, max and
 * latest per series, which is what screen readers and tests read, and while the pointer is over
 * the chart, the figures at the cursor (the one legend: uPlot's own is off). The chart is created on mount
 * and when its shape changes, fed new data with `setData`, resized with its box, destroyed on unmount.
 */
export function TimeSeriesChart({ title, series, format, height = 160, domain, timeSpan, emptyText, createChart = createUplotChart }: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle | null>(null);
  const formatRef = useRef(format);
  formatRef.current = format;
  // The span moves on with the clock: read at each redraw rather than rebuilding the chart.
  const spanRef = useRef(timeSpan);
  spanRef.current = timeSpan;
  const spanned = timeSpan !== undefined;
  const pointLists = series.map((s) => s.points);
  const latest = useRef(pointLists);
  latest.current = pointLists;
  /** The point lists the chart shows now, so a re-render with the same data draws nothing. */
  const drawn = useRef<HistoryPoint[][] | null>(null);
  const [reading, setReading] = useState<CursorReading | null>(null);

  const empty = pointLists.every((points) => points.length === 0);
  const lines = series.map((s, i) => ({ label: s.label, colorVar: s.colorVar ?? `--chart-${i + 1}`, ...(s.style ? { style: s.style } : {}) }));
  const shapeNow = { lines, domain, height };
  const shapeRef = useRef(shapeNow);
  shapeRef.current = shapeNow;
  // The chart is rebuilt only when this text changes, not on every render's new objects.
  const shape = JSON.stringify(shapeNow);

  useEffect(() => {
    const target = host.current;
    if (!target || empty) return;
    const { lines: shapeLines, domain: shapeDomain, height: shapeHeight } = shapeRef.current;
    const handle = createChart(
      {
        width: target.clientWidth || FALLBACK_WIDTH,
        height: shapeHeight,
        series: shapeLines,
        domain: shapeDomain,
        format: (value) => formatRef.current(value),
        ...(spanned ? { timeSpan: () => spanRef.current ?? null } : {}),
        data: alignSeries(latest.current),
        onCursor: setReading,
      },
      target,
    );
    if (!handle) return;
    chart.current = handle;
    drawn.current = latest.current;
    let width = target.clientWidth;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            const next = Math.floor(entries[0]?.contentRect.width ?? 0);
            if (next > 0 && next !== width) {
              width = next;
              handle.setSize({ width: next, height: shapeHeight });
            }
          });
    observer?.observe(target);
    return () => {
      observer?.disconnect();
      handle.destroy();
      chart.current = null;
      drawn.current = null;
      setReading(null);
    };
  }, [createChart, shape, empty, spanned]);

  useEffect(() => {
    const shown = drawn.current;
    if (!chart.current || !shown) return;
    const same = shown.length === pointLists.length && shown.every((points, i) => points === pointLists[i]);
    if (same) return;
    chart.current.setData(alignSeries(pointLists));
    drawn.current = pointLists;
  });

  const descriptions = series.map((s) => s.summary ?? describeSeries(s.label, s.points, format));
  return (
    <figure className="chart" aria-label={title}>
      {empty ? (
        <p className="chart-empty">{emptyText}</p>
      ) : (
        <div className="chart-canvas" ref={host} role="img" aria-label={`${title}: ${descriptions.join('; ')}`} />
      )}
      {!empty && (
        <figcaption className="chart-summary">
          {series.map((s, i) => (
            <span key={s.label} className="chart-summary-item">
              <span className={`chart-swatch chart-swatch-${s.style ?? 'line'}`} style={swatchColor(s.style, lines[i].colorVar)} aria-hidden="true" />
              {descriptions[i]}
            </span>
          ))}
          {reading && (
            <span className="chart-reading">
              {describeReading(
                reading,
                series.map((s) => s.label),
                format,
              )}
            </span>
          )}
        </figcaption>
      )}
    </figure>
  );
}
