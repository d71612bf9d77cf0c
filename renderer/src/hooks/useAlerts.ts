import type { AlertsSnapshot } from '../../../shared/types/alerts';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** The alerts (pending, firing, recently resolved), replaced whole by each live `alerts` message. */
export function useAlerts(): ApiCallState<AlertsSnapshot> {
  const state = useApiCall('alerts.list', {});
  useLiveMessages((message) => {
    if (message.type !== 'alerts') return;
    // An older snapshot never replaces a newer one (a reload may answer after a live message).
    state.setData((current) => (current && current.at > message.alerts.at ? current : message.alerts));
  });
  return state;
}
