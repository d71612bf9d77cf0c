import { useMemo } from 'react';
import type { ModelProbeRecord } from '../../../shared/types/models';
import type { TimeRange } from '../components/charts/RangePicker';
import { useApiCall } from './useApiCall';
import { useNow } from './useNow';

/** More than a week of 30-minute probes (336), with room for the operator's own. */
const LIMIT = 1_000;

export interface ModelProbes {
  records: ModelProbeRecord[];
  error: Error | null;
  loading: boolean;
  /** The window asked for (ms): the chart spans it. */
  from: number;
  to: number;
}

/**
 * One model's stored probes over the range, oldest first, with those that finished live since
 * (`live`, from `model-probe` messages) merged in. A probe that finishes moves the window's end
 * on, so the stored list is asked for again and the chart never waits for the next tick.
 */
export function useModelProbes(endpoint: string, model: string, range: TimeRange, live: readonly ModelProbeRecord[] = []): ModelProbes {
  const tick = useNow(range.refreshMs);
  const newestLive = live.length > 0 ? live[live.length - 1].at + 1 : 0;
  const to = Math.max(tick, newestLive);
  const payload = useMemo(() => ({ endpoint, model, from: Math.max(0, to - range.windowMs), to, limit: LIMIT }), [endpoint, model, to, range.windowMs]);
  const state = useApiCall('models.probes', payload);
  const records = useMemo(() => {
    const stored = state.data ?? [];
    const seen = new Set(stored.map((record) => record.at));
    const extra = live.filter((record) => !seen.has(record.at) && record.at >= payload.from);
    return extra.length === 0 ? stored : [...stored, ...extra].sort((a, b) => a.at - b.at);
  }, [state.data, live, payload.from]);
  return { records, error: state.error, loading: state.loading, from: payload.from, to: payload.to };
}
