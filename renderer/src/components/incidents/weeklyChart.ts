import type uPlot from 'uplot';
import type { IncidentWeek } from '../../../../shared/types/incidents';
import { canDrawCanvas } from '../charts/chartFactory';
import { cssColor, lazyPlot } from '../charts/uplotChart';
import { formatMs } from './incidentFormat';

export interface WeeklyChartHandle {
  setData(weeks: IncidentWeek[]): void;
  setSize(size: { width: number; height: number }): void;
  destroy(): void;
}

/** Draws the weekly chart into `target`; null where the page cannot draw (jsdom): the table beside it stays. */
export type WeeklyChartFactory = (spec: { width: number; height: number; weeks: IncidentWeek[] }, target: HTMLElement) => WeeklyChartHandle | null;

/** uPlot's columns: week starts, incidents opened, MTTR in minutes (null where none resolved). */
export function weeklyData(weeks: IncidentWeek[]): uPlot.AlignedData {
  return [weeks.map((w) => w.weekStart), weeks.map((w) => w.opened), weeks.map((w) => (w.mttrMs == null ? null : w.mttrMs / 60_000))];
}

function options(width: number, height: number, target: HTMLElement, bars: uPlot.Series.PathBuilder): uPlot.Options {
  const muted = cssColor(target, '--muted', '#5f6b76');
  const grid = cssColor(target, '--border', '#dde1e6');
  const countColor = cssColor(target, '--chart-1', '#2f6fb3');
  const mttrColor = cssColor(target, '--chart-2', '#8e5bb5');
  const axis: uPlot.Axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width,
    height,
    ms: 1,
    scales: { x: { time: true }, count: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max ?? 0))] }, mttr: { range: (_u, _min, max) => [0, Math.max(10, (max ?? 0) * 1.1)] } },
    axes: [
      { ...axis, values: (_u, splits) => splits.map((t) => new Date(t).toLocaleDateString('en', { month: 'short', day: 'numeric' })) },
      { ...axis, scale: 'count', size: 44, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      { ...axis, scale: 'mttr', side: 1, size: 64, grid: { show: false }, values: (_u, splits) => splits.map((v) => formatMs(v * 60_000)) },
    ],
    series: [
      {},
      { label: 'Opened', scale: 'count', stroke: countColor, fill: countColor, paths: bars, points: { show: false } },
      { label: 'MTTR', scale: 'mttr', stroke: mttrColor, width: 2, spanGaps: true, points: { show: true, size: 7, fill: mttrColor } },
    ],
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
  };
}

/** Bars of incidents opened per week and a line of their MTTR, on two scales (uPlot, loaded on first use). */
export const createWeeklyChart: WeeklyChartFactory = (spec, target) => {
  if (!canDrawCanvas()) return null;
  return lazyPlot<IncidentWeek[]>({ ...spec, data: spec.weeks }, weeklyData, (UPlot, data, size) => {
    const bars = UPlot.paths.bars?.({ size: [0.6, 48] });
    return bars ? new UPlot(options(size.width, size.height, target, bars), data, target) : null;
  });
};
