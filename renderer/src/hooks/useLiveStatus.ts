import type { StatusSnapshot } from '../../../shared/types/status';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** The latest status: fetched once, then replaced by every newer live status message. */
export function useLiveStatus(): ApiCallState<StatusSnapshot> {
  const state = useApiCall('status.get', {});
  useLiveMessages((message) => {
    if (message.type !== 'status') return;
    state.setData((current) => (current && current.at > message.status.at ? current : message.status));
  });
  return state;
}
