import { moduleFromMessage } from '../../../shared/status/moduleFromMessage';
import type { ModuleSnapshots } from '../../../shared/types/status';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** The API method that answers each module's snapshot alone. */
const METHOD = { docker: 'docker.stacks', gpu: 'gpu.snapshot' } as const satisfies Record<string, 'docker.stacks' | 'gpu.snapshot'>;
type LiveModuleId = keyof typeof METHOD;

/** One module's snapshot: fetched once, then kept fresh from its part of live status messages. */
export function useLiveModule<Id extends LiveModuleId>(id: Id): ApiCallState<ModuleSnapshots[Id]> {
  const method: 'docker.stacks' | 'gpu.snapshot' = METHOD[id];
  const state = useApiCall(method, {}) as unknown as ApiCallState<ModuleSnapshots[Id]>;
  useLiveMessages((message) => {
    if (message.type !== 'status') return;
    state.setData((current) => moduleFromMessage(current, message, id) ?? current);
  });
  return state;
}
