/** @jsxRuntime automatic */
import { formatPercent } from '../../format';
import { useHistory } from '../../hooks/useHistory';
import type { TimeRange } from '../charts/RangePicker';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';

const PERCENT_DOMAIN: [number, number] = [0, 100];
const MAX_POINTS = 300;
export const NO_GPU_HISTORY = 'No history yet — Opsbar records GPU figures every few seconds while it runs';

/** One GPU's memory and utilisation over the chosen range, from the history store. */
export function GpuHistoryChart({ index, range }: { index: number; range: TimeRange }) {
  const options = { windowMs: range.windowMs, refreshMs: range.refreshMs, maxPoints: MAX_POINTS };
  const memory = useHistory(`gpu.memoryPercent:${index}`, options);
  const utilization = useHistory(`gpu.utilizationPercent:${index}`, options);
  const error = memory.error ?? utilization.error;
  if (error && memory.points.length === 0 && utilization.points.length === 0) {
    return <p className="chart-empty">History is not available: {error.message}</p>;
  }
  return (
    <TimeSeriesChart
      title={`GPU ${index} memory and utilisation, last ${range.label}`}
      series={[
        { label: 'Memory', points: memory.points },
        { label: 'Utilisation', points: utilization.points },
      ]}
      format={formatPercent}
      domain={PERCENT_DOMAIN}
      emptyText={NO_GPU_HISTORY}
    />
  );
}
