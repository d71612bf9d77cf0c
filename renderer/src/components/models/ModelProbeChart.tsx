/** @jsxRuntime automatic */
import { useMemo } from 'react';
import type { HistoryPoint } from '../../../../shared/types/history';
import type { ModelProbeRecord } from '../../../../shared/types/models';
import { useModelProbes } from '../../hooks/useModelProbes';
import type { TimeRange } from '../charts/RangePicker';
import type { ChartFactory } from '../charts/chartFactory';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { formatMs, formatTokensPerSecond } from './modelFormat';

export const NO_PROBES = 'No probes yet — Probe now measures one short answer (64 tokens)';

const point = (t: number, value: number): HistoryPoint => ({ t, avg: value, min: value, max: value });

function points(records: readonly ModelProbeRecord[], value: (r: ModelProbeRecord) => number | null): HistoryPoint[] {
  return records.flatMap((r) => {
    const v = value(r);
    return v == null || !Number.isFinite(v) ? [] : [point(r.at, v)];
  });
}

const coldSummary = (n: number) => (n === 0 ? 'Cold: none' : `Cold (the server loaded the model first): ${n}`);

/** Room above the highest point (and the target), so no dot sits on the chart's edge. */
const HEADROOM = 1.15;
const ceiling = (values: number[], floor: number) => Math.max(floor, ...values) * HEADROOM;

interface ModelProbeChartProps {
  endpoint: string;
  model: string;
  target: number;
  range: TimeRange;
  /** Probes of this model that finished live while the page was open. */
  live: readonly ModelProbeRecord[];
  createChart?: ChartFactory;
}

/**
 * One model's decode tokens/s and time to first token over the range, a dot per probe; cold
 * probes (the server loaded the model for them) ringed, the target drawn as a dashed line
 * across the range. The stored probes come from `models.probes`; those that end live join at once.
 */
export function ModelProbeChart({ endpoint, model, target, range, live, createChart }: ModelProbeChartProps) {
  const { records, error, from, to } = useModelProbes(endpoint, model, range, live);
  // New point lists only when the probes change: the chart redraws on new lists.
  const lines = useMemo(() => {
    const cold = records.filter((r) => r.cold);
    return {
      decode: points(records, (r) => r.decodeTokensPerSecond),
      coldDecode: points(cold, (r) => r.decodeTokensPerSecond),
      ttft: points(records, (r) => r.ttftMs),
      coldTtft: points(cold, (r) => r.ttftMs),
      // Across the whole range: the time axis is the range, not just the span of the probes.
      target: [point(from, target), point(to, target)],
      colds: cold.length,
      decodeTop: ceiling(records.map((r) => r.decodeTokensPerSecond ?? 0), target),
      ttftTop: ceiling(records.map((r) => r.ttftMs), 0),
    };
  }, [records, from, to, target]);
  if (records.length === 0) {
    return <p className="chart-empty">{error ? `The probe history could not be read: ${error.message}` : NO_PROBES}</p>;
  }
  const span: [number, number] = [from, to];
  return (
    <div className="model-charts">
      <div>
        <h4 className="model-chart-title">Decode tokens/s</h4>
        <TimeSeriesChart
          title={`${model} decode tokens/s, last ${range.label}`}
          series={[
            { label: 'Decode', points: lines.decode, style: 'dots', colorVar: '--chart-1' },
            { label: 'Cold', points: lines.coldDecode, style: 'rings', colorVar: '--chart-cold', summary: coldSummary(lines.colds) },
            { label: 'Target', points: lines.target, style: 'dashed', colorVar: '--chart-target', summary: `Target ${formatTokensPerSecond(target)}` },
          ]}
          format={formatTokensPerSecond}
          domain={[0, lines.decodeTop]}
          timeSpan={span}
          height={140}
          emptyText={NO_PROBES}
          createChart={createChart}
        />
      </div>
      <div>
        <h4 className="model-chart-title">Time to first token</h4>
        <TimeSeriesChart
          title={`${model} time to first token, last ${range.label}`}
          series={[
            { label: 'TTFT', points: lines.ttft, style: 'dots', colorVar: '--chart-2' },
            { label: 'Cold', points: lines.coldTtft, style: 'rings', colorVar: '--chart-cold', summary: coldSummary(lines.colds) },
          ]}
          format={formatMs}
          domain={[0, lines.ttftTop]}
          timeSpan={span}
          height={140}
          emptyText={NO_PROBES}
          createChart={createChart}
        />
      </div>
    </div>
  );
}
