import type { IncidentDetail } from '../../../shared/types/incidents';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** One incident with its timeline, reloaded when a live message says it (or one of its alerts) changed. */
export function useIncidentDetail(id: number): ApiCallState<IncidentDetail> {
  const call = useApiCall('incidents.get', { id });
  useLiveMessages((message) => {
    if (message.type === 'incident' && message.incident.id === id) call.reload();
    else if (message.type === 'alerts' && message.alerts.alerts.some((a) => a.incidentId === id)) call.reload();
  });
  return call;
}
