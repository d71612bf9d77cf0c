import { useMemo } from 'react';
import type { HistoryPoint } from '../../../shared/types/history';
import { useApiCall } from './useApiCall';
import { useNow } from './useNow';

const HOUR_MS = 60 * 60 * 1000;

export interface HistoryOptions {
  windowMs?: number;
  maxPoints?: number;
  refreshMs?: number;
}

/** One history series over the last `windowMs` (an hour by default), re-queried every `refreshMs`. */
export function useHistory(series: string, options: HistoryOptions = {}) {
  const windowMs = options.windowMs ?? HOUR_MS;
  const maxPoints = options.maxPoints ?? 120;
  // Each tick moves the window, which changes the payload and so re-queries; old points stay shown meanwhile.
  const to = useNow(options.refreshMs ?? 30_000);
  const payload = useMemo(() => ({ series, from: Math.max(0, to - windowMs), to, maxPoints }), [series, to, windowMs, maxPoints]);
  const state = useApiCall('history.query', payload);
  const points: HistoryPoint[] = state.data?.points ?? [];
  return { points, error: state.error, loading: state.loading };
}
