import type { IncidentSummary } from '../../../shared/types/incidents';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** Puts a changed incident in its place: open ones first, newest first, then resolved ones, newest first. */
export function upsertIncident(list: IncidentSummary[], incident: IncidentSummary): IncidentSummary[] {
  const next = [incident, ...list.filter((i) => i.id !== incident.id)];
  return next.sort((a, b) => (a.state === b.state ? b.openedAt - a.openedAt : a.state === 'open' ? -1 : 1));
}

/**
 * Incidents as listed (open first), kept live: an `incident` message puts the changed one in
 * place at once, and an `alerts` message reloads the list (firing counts move with the alerts).
 */
export function useIncidents(state: 'open' | 'resolved' | 'all' = 'all', limit = 100): ApiCallState<IncidentSummary[]> {
  const call = useApiCall('incidents.list', { state, limit });
  useLiveMessages((message) => {
    if (message.type === 'incident') {
      const { incident } = message;
      call.setData((current) => {
        const kept = upsertIncident(current ?? [], incident);
        return state === 'all' ? kept : kept.filter((i) => i.state === state);
      });
    } else if (message.type === 'alerts') call.reload();
  });
  return call;
}
