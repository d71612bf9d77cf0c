import { moduleFromMessage } from '../../../shared/status/moduleFromMessage';
import type { ModelsSnapshot } from '../../../shared/types/models';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** Model servers and their models: fetched once, then kept fresh from the `models` part of live status messages. */
export function useModelsSnapshot(): ApiCallState<ModelsSnapshot> {
  const state = useApiCall('models.snapshot', {});
  useLiveMessages((message) => {
    if (message.type !== 'status') return;
    state.setData((current) => moduleFromMessage(current, message, 'models') ?? current);
  });
  return state;
}
