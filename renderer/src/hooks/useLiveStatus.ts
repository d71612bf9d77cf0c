import type { StatusSnapshot } from '../../../shared/types/status';
import { applyStatusChange } from '../../../shared/status/applyStatusChange';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/**
 * The latest status: fetched once, then updated by every newer live status message (which
 * carries the head and only the module snapshots that changed).
 */
export function useLiveStatus(): ApiCallState<StatusSnapshot> {
  const state = useApiCall('status.get', {});
  useLiveMessages((message) => {
    if (message.type !== 'status') return;
    state.setData((current) => applyStatusChange(current ?? null, message) ?? current);
  });
  return state;
}
