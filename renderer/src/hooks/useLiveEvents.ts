import type { OpsEvent } from '../../../shared/types/events';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** Recent events, newest first, with live ones prepended; optionally only those about `subject`. */
export function useLiveEvents(limit: number, subject?: string): ApiCallState<OpsEvent[]> {
  const state = useApiCall('events.list', subject === undefined ? { limit } : { limit, subject });
  useLiveMessages((message) => {
    if (message.type !== 'event') return;
    const { event } = message;
    if (subject !== undefined && event.subject !== subject) return;
    state.setData((current) => {
      const list = current ?? [];
      if (list.some((e) => e.id === event.id)) return list;
      return [event, ...list].slice(0, limit);
    });
  });
  return state;
}
